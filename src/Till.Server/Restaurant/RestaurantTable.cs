using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Restaurant;

/// <summary>A room or terrace of a restaurant branch.</summary>
internal sealed class Hall : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal enum TableStatus
{
    Free,
    Occupied,
    Reserved,
    NeedsCleaning,
}

/// <summary>A table in a hall. Its open orders are the orders with status Open and this table.</summary>
internal sealed class RestaurantTable : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public Guid HallId { get; set; }
    public required string Name { get; set; }
    public int Seats { get; set; }
    public TableStatus Status { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class HallConfiguration : IEntityTypeConfiguration<Hall>
{
    public void Configure(EntityTypeBuilder<Hall> b)
    {
        b.ToTable("halls");
        b.HasIndex(x => x.BranchId);
        b.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class RestaurantTableConfiguration : IEntityTypeConfiguration<RestaurantTable>
{
    public void Configure(EntityTypeBuilder<RestaurantTable> b)
    {
        b.ToTable("restaurant_tables");
        b.HasIndex(x => x.HallId);
        b.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
    }
}
