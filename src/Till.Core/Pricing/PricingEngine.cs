using Till.Core.Money;

namespace Till.Core.Pricing;

/// <summary>
/// Prices an order: discounts, promotions, tax, cash rounding and loyalty. Pure and deterministic,
/// so the server and an offline terminal always agree. The rules are in docs/pricing.md.
/// </summary>
public static class PricingEngine
{
    /// <summary>Most lines on one order.</summary>
    public const int MaxLines = 1_000;

    /// <summary>Highest unit or modifier price, point value or promotion amount; keeps every sum far inside <see cref="decimal"/>.</summary>
    public const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>Highest quantity on a line.</summary>
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>Highest amount anywhere else (discount amounts, spend per point).</summary>
    public const decimal MaxAmount = MaxPrice * MaxQuantity;

    /// <summary>Prices <paramref name="draft"/>; throws <see cref="ArgumentException"/> when <see cref="Validate"/> finds errors.</summary>
    public static PricedOrder Price(OrderDraft draft)
    {
        var errors = Validate(draft);
        if (errors.Count > 0)
            throw new ArgumentException("The order cannot be priced: " + string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")), nameof(draft));

        var currency = draft.Currency.ToUpperInvariant();
        var count = draft.Lines.Count;
        // A badly set-up promotion is skipped rather than blocking every sale; Promotion.Validate guards it on save.
        var inForce = draft.Promotions.DistinctBy(p => p.Id)
            .Where(p => p.Validate() is null && p.IsInForce(draft.BranchId, draft.LocalTime, draft.CouponCodes))
            .ToList();
        var promoTotals = new Dictionary<Guid, decimal>();

        var unitPrices = new decimal[count];
        var gross = new decimal[count];
        var manual = new decimal[count];
        var promo = new decimal[count];
        var amount = new decimal[count];

        // 1. Gross and the line's manual discount.
        for (var i = 0; i < count; i++)
        {
            var line = draft.Lines[i];
            unitPrices[i] = line.UnitPrice + line.Modifiers.Sum(m => m.Price);
            gross[i] = Currency.Round(line.Quantity * unitPrices[i], currency);
            manual[i] = line.Discount?.On(gross[i], currency) ?? 0m;
            amount[i] = gross[i] - manual[i];
        }

        // 2. Item promotions: what each would take off each line, then the best one per line.
        var offers = inForce.Where(p => p.Target != PromotionTarget.Order)
            .Select(p => (Promotion: p, Off: ItemPromotionOffers(p, draft.Lines, amount, currency)))
            .ToList();
        for (var i = 0; i < count; i++)
        {
            Promotion? best = null;
            var bestOff = 0m;
            foreach (var (p, off) in offers)
            {
                if (off[i] > bestOff)
                    (best, bestOff) = (p, off[i]);
            }
            if (best is not null)
                Add(promoTotals, best.Id, bestOff);
            promo[i] = bestOff;
            amount[i] -= bestOff;
        }

        // 3. The best order promotion, spread over the lines.
        var afterItems = amount.Sum();
        Promotion? orderPromo = null;
        var orderOff = 0m;
        foreach (var p in inForce.Where(p => p.Target == PromotionTarget.Order && afterItems >= p.MinimumSpend))
        {
            var off = p.Kind switch
            {
                PromotionKind.PercentOff => Currency.Round(afterItems * p.Value / 100m, currency),
                PromotionKind.AmountOff => Currency.Round(p.Value, currency),
                _ => 0m,
            };
            off = Math.Min(off, afterItems);
            if (off > orderOff)
                (orderPromo, orderOff) = (p, off);
        }
        if (orderPromo is not null)
        {
            Add(promoTotals, orderPromo.Id, orderOff);
            var shares = Allocation.Spread(orderOff, amount, currency);
            for (var i = 0; i < count; i++)
            {
                promo[i] += shares[i];
                amount[i] -= shares[i];
            }
        }

        // 4. The manual order discount, on what the promotions left, spread over the lines.
        if (draft.OrderDiscount is { } orderDiscount)
        {
            var off = orderDiscount.On(amount.Sum(), currency);
            var shares = Allocation.Spread(off, amount, currency);
            for (var i = 0; i < count; i++)
            {
                manual[i] += shares[i];
                amount[i] -= shares[i];
            }
        }

        // 5. Tax per rate on the rate's total, rounded once, then spread over that rate's lines.
        var tax = new decimal[count];
        var taxes = new List<TaxLine>();
        foreach (var rate in draft.Lines.Select(l => l.TaxRate).Distinct().Order())
        {
            var members = Enumerable.Range(0, count).Where(i => draft.Lines[i].TaxRate == rate).ToArray();
            var weights = members.Select(i => amount[i]).ToArray();
            var sum = weights.Sum();
            var rateTax = draft.TaxMode == TaxMode.Exclusive
                ? Currency.Round(sum * rate / 100m, currency)
                : Currency.Round(sum * rate / (100m + rate), currency);
            var shares = Allocation.Spread(rateTax, weights, currency);
            for (var k = 0; k < members.Length; k++)
                tax[members[k]] = shares[k];
            var taxBase = draft.TaxMode == TaxMode.Exclusive ? sum : sum - rateTax;
            taxes.Add(new TaxLine(rate, taxBase, rateTax));
        }

        var lines = new PricedLine[count];
        for (var i = 0; i < count; i++)
        {
            var l = draft.Lines[i];
            var net = draft.TaxMode == TaxMode.Exclusive ? amount[i] : amount[i] - tax[i];
            lines[i] = new PricedLine(i, l.ProductId, l.CategoryId, l.Name, l.Quantity, unitPrices[i], l.Modifiers, l.TaxRate,
                gross[i], manual[i], promo[i], amount[i], net, tax[i], net + tax[i])
            {
                Note = l.Note,
            };
        }

        // 6. Cash rounding of the grand total, to the nearest step (half away from zero).
        var beforeRounding = lines.Sum(l => l.Total);
        var grandTotal = beforeRounding;
        if (draft.CashRoundingIncrement is { } step && step > 0)
            grandTotal = Math.Round(beforeRounding / step, MidpointRounding.AwayFromZero) * step;
        grandTotal = Currency.Round(grandTotal, currency);

        var applied = inForce.Where(p => promoTotals.ContainsKey(p.Id))
            .Select(p => new AppliedPromotion(p.Id, p.Name, promoTotals[p.Id], p.CouponCode))
            .ToList();
        var unusedCodes = draft.CouponCodes
            .Where(c => !applied.Any(a => a.CouponCode is not null && string.Equals(a.CouponCode.Trim(), c.Trim(), StringComparison.OrdinalIgnoreCase)))
            .ToList();

        return new PricedOrder(currency, draft.TaxMode, lines, taxes,
            gross.Sum(), manual.Sum(), promo.Sum(), lines.Sum(l => l.Net), tax.Sum(),
            grandTotal - beforeRounding, grandTotal, applied, Loyalty(draft.Loyalty, grandTotal, draft.CashRoundingIncrement ?? Allocation.MinorUnit(currency)), unusedCodes);
    }

    /// <summary>Field errors in the draft (snake_case paths such as <c>lines[2].quantity</c>); empty when it can be priced.</summary>
    public static IReadOnlyDictionary<string, string> Validate(OrderDraft draft)
    {
        var errors = new Dictionary<string, string>();
        if (!Currency.IsKnown(draft.Currency))
            errors["currency"] = $"Unknown currency '{draft.Currency}'.";
        if (!Enum.IsDefined(draft.TaxMode))
            errors["tax_mode"] = "The tax mode must be inclusive or exclusive.";
        if (draft.Lines.Count > MaxLines)
            errors["lines"] = $"An order holds at most {MaxLines} lines.";
        for (var i = 0; i < Math.Min(draft.Lines.Count, MaxLines); i++)
        {
            var l = draft.Lines[i];
            if (l.Quantity is <= 0 or > MaxQuantity)
                errors[$"lines[{i}].quantity"] = $"The quantity must be above zero and at most {MaxQuantity}.";
            if (l.UnitPrice is < 0 or > MaxPrice)
                errors[$"lines[{i}].unit_price"] = $"The unit price must be between 0 and {MaxPrice}.";
            if (l.TaxRate is < 0 or > 100)
                errors[$"lines[{i}].tax_rate"] = "The tax rate must be between 0 and 100 percent.";
            if (l.Modifiers.Count > 50 || l.Modifiers.Any(m => m.Price is < 0 or > MaxPrice))
                errors[$"lines[{i}].modifiers"] = $"At most 50 modifiers, each priced between 0 and {MaxPrice}.";
            if (DiscountError(l.Discount) is { } e)
                errors[$"lines[{i}].discount"] = e;
        }
        if (DiscountError(draft.OrderDiscount) is { } orderError)
            errors["order_discount"] = orderError;
        if (draft.CashRoundingIncrement is { } step && Currency.IsKnown(draft.Currency)
            && (step <= 0 || step > MaxPrice || step % Allocation.MinorUnit(draft.Currency) != 0))
            errors["cash_rounding_increment"] = "The cash rounding step must be a positive whole number of minor units.";
        if (draft.Loyalty is { } loyalty && (loyalty.SpendPerPoint is < 0 or > MaxAmount || loyalty.PointValue is < 0 or > MaxPrice
            || loyalty.PointsToRedeem is < 0 or > (long)MaxPrice))
            errors["loyalty"] = "Loyalty settings must not be negative or absurdly large.";
        return errors;
    }

    private static string? DiscountError(Discount? discount) => discount switch
    {
        null => null,
        _ when !Enum.IsDefined(discount.Kind) => "A discount is a percent or an amount.",
        { Kind: DiscountKind.Percent, Value: < 0 or > 100 } => "A percent discount must be between 0 and 100.",
        { Kind: DiscountKind.Amount, Value: < 0 or > MaxAmount } => $"A discount amount must be between 0 and {MaxAmount}.",
        _ => null,
    };

    /// <summary>What a product or category promotion takes off each line (zero on lines it does not target), never more than the line.</summary>
    private static decimal[] ItemPromotionOffers(Promotion p, IReadOnlyList<OrderLineDraft> lines, decimal[] amounts, string currency)
    {
        var off = new decimal[lines.Count];
        var targeted = Enumerable.Range(0, lines.Count).Where(i => p.Targets(lines[i]) && amounts[i] > 0).ToList();
        if (p.Kind == PromotionKind.BuyXGetY)
        {
            // Whole units of every targeted line count together (2.5 kg is 2 units); the cheapest units go free first.
            var units = targeted.Sum(i => decimal.Floor(lines[i].Quantity));
            var free = decimal.Floor(units / (p.BuyQuantity + p.GetQuantity)) * p.GetQuantity;
            foreach (var i in targeted.OrderBy(i => amounts[i] / lines[i].Quantity))
            {
                var take = Math.Min(free, decimal.Floor(lines[i].Quantity));
                off[i] = Currency.Round(take * (amounts[i] / lines[i].Quantity) * p.Value / 100m, currency);
                free -= take;
            }
        }
        else
        {
            foreach (var i in targeted)
            {
                off[i] = p.Kind == PromotionKind.PercentOff
                    ? Currency.Round(amounts[i] * p.Value / 100m, currency)
                    : Currency.Round(p.Value * lines[i].Quantity, currency);
            }
        }
        for (var i = 0; i < off.Length; i++)
            off[i] = Math.Clamp(off[i], 0m, amounts[i]);
        return off;
    }

    private static LoyaltyOutcome Loyalty(LoyaltySettings? settings, decimal grandTotal, decimal step)
    {
        if (settings is not { } loyalty)
            return LoyaltyOutcome.None;
        long pointsUsed = 0;
        var value = 0m;
        if (loyalty.PointsToRedeem > 0 && loyalty.PointValue > 0)
        {
            // Redeem only in cash-rounding steps so what is left to pay in cash stays payable.
            var max = Math.Min(loyalty.PointsToRedeem * loyalty.PointValue, grandTotal);
            value = decimal.Floor(max / step) * step;
            pointsUsed = (long)decimal.Ceiling(value / loyalty.PointValue);
        }
        var earned = loyalty.SpendPerPoint > 0 ? (long)Math.Min(decimal.Floor((grandTotal - value) / loyalty.SpendPerPoint), long.MaxValue) : 0;
        return new LoyaltyOutcome(pointsUsed, value, earned);
    }

    private static void Add(Dictionary<Guid, decimal> totals, Guid id, decimal amount) =>
        totals[id] = totals.GetValueOrDefault(id) + amount;
}
