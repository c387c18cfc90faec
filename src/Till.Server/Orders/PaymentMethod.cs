using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Till.Core.Payments;
using Till.Server.Data;
using Till.Server.Tenancy;

namespace Till.Server.Orders;

/// <summary>A way to pay that the tenant accepts (cash, a card terminal, QRIS, a custom app). Branches enable it.</summary>
internal sealed class PaymentMethod : SyncEntity
{
    /// <summary>Upper-case code printed on receipts and sent by tills, e.g. <c>CASH</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public PaymentMethodKind Kind { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>What a tenant that configured nothing accepts, at every branch.</summary>
    public static IReadOnlyList<PaymentMethod> Defaults =>
    [
        new() { Code = "CASH", Name = "Cash", Kind = PaymentMethodKind.Cash },
        new() { Code = "CARD", Name = "Card", Kind = PaymentMethodKind.Card },
        new() { Code = "EWALLET", Name = "E-wallet", Kind = PaymentMethodKind.EWallet },
        new() { Code = "TRANSFER", Name = "Bank transfer", Kind = PaymentMethodKind.BankTransfer },
    ];
}

/// <summary>A payment method switched on in one branch.</summary>
internal sealed class BranchPaymentMethod : SyncEntity, IBranchScoped
{
    public Guid BranchId { get; set; }
    public Guid PaymentMethodId { get; set; }

    Guid? IBranchScoped.SyncBranchId => BranchId;
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> b)
    {
        b.ToTable("payment_methods");
        b.HasIndex(x => new { x.TenantId, x.Code }).IsUnique().HasFilter("is_deleted = false");
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class BranchPaymentMethodConfiguration : IEntityTypeConfiguration<BranchPaymentMethod>
{
    public void Configure(EntityTypeBuilder<BranchPaymentMethod> b)
    {
        b.ToTable("branch_payment_methods");
        b.HasIndex(x => new { x.TenantId, x.BranchId, x.PaymentMethodId }).IsUnique().HasFilter("is_deleted = false");
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentMethod>().WithMany().HasForeignKey(x => x.PaymentMethodId).OnDelete(DeleteBehavior.Restrict);
    }
}
