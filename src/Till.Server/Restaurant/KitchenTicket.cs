using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Server.Data;

namespace Till.Server.Restaurant;

/// <summary>The kitchen printer of a branch (printing hardware comes later; tickets wait as jobs).</summary>
internal sealed class KitchenPrinter : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public required string Name { get; set; }

    /// <summary>Network address or device path of the printer.</summary>
    public string? Address { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal enum KitchenTicketStatus
{
    Queued,
    Printed,
}

/// <summary>A print job for the kitchen: the new lines of an order, as plain text.</summary>
internal sealed class KitchenTicket : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public Guid OrderId { get; set; }
    public Guid? TableId { get; set; }
    public Guid? PrinterId { get; set; }
    public KitchenTicketStatus Status { get; set; }
    public required string Content { get; set; }
    public DateTime? PrintedAt { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class KitchenPrinterConfiguration : IEntityTypeConfiguration<KitchenPrinter>
{
    public void Configure(EntityTypeBuilder<KitchenPrinter> b)
    {
        b.ToTable("kitchen_printers");
        b.HasIndex(x => x.BranchId);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Address).HasMaxLength(200);
    }
}

internal sealed class KitchenTicketConfiguration : IEntityTypeConfiguration<KitchenTicket>
{
    public void Configure(EntityTypeBuilder<KitchenTicket> b)
    {
        b.ToTable("kitchen_tickets");
        b.HasIndex(x => new { x.BranchId, x.Status });
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Content).HasMaxLength(8000);
    }
}
