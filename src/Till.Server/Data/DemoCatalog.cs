using Microsoft.EntityFrameworkCore;
using Till.Server.Catalog;
using Till.Server.Customers;
using Till.Server.Inventory;
using Till.Server.Purchasing;

namespace Till.Server.Data;

/// <summary>
/// The demo tenant's shop: about 200 everyday products in 10 categories with valid EAN-13
/// barcodes (GS1 prefix 899, Indonesia), opening stock in both branches, some branch prices and
/// min stock levels, suppliers, and customers with loyalty points. Deterministic, so every fresh
/// demo looks the same.
/// </summary>
internal static class DemoCatalog
{
    private sealed record Line(string Name, string Brand, string Unit, decimal Price);

    private static readonly (string Category, string SkuPrefix, Line[] Lines)[] Shelves =
    [
        ("Beverages", "BEV", [
            new("Mineral water 600ml", "Aqua", "btl", 4_000), new("Mineral water 1.5L", "Aqua", "btl", 7_500), new("Sweet tea 350ml", "Teh Botol Sosro", "btl", 5_000),
            new("Jasmine tea 450ml", "Teh Pucuk Harum", "btl", 4_500), new("Cola 390ml", "Coca-Cola", "btl", 7_000), new("Lemon-lime soda 390ml", "Sprite", "btl", 7_000),
            new("Orange soda 390ml", "Fanta", "btl", 7_000), new("Isotonic drink 500ml", "Pocari Sweat", "btl", 8_500), new("Energy drink 150ml", "Kratingdaeng", "btl", 6_500),
            new("Guava juice 250ml", "Buavita", "box", 7_500), new("Green tea 500ml", "Nu Green Tea", "btl", 6_000), new("Coconut water 330ml", "Hydro Coco", "btl", 9_000),
            new("Iced coffee can 240ml", "Nescafe", "can", 8_000), new("Ginger drink 250ml", "Kuku Bima", "btl", 5_500), new("Sparkling water 330ml", "Equil", "btl", 12_000),
            new("Apple juice 1L", "Buavita", "box", 24_000), new("Soy milk 300ml", "Vitasoy", "box", 6_500), new("Grass jelly drink 310ml", "Cap Panda", "can", 6_000),
            new("Lychee tea 350ml", "Frestea", "btl", 5_500), new("Mineral water 330ml", "Le Minerale", "btl", 3_000)]),
        ("Snacks", "SNK", [
            new("Potato chips original 68g", "Chitato", "pck", 11_000), new("Potato chips beef BBQ 68g", "Chitato", "pck", 11_000), new("Cassava chips spicy 60g", "Qtela", "pck", 9_000),
            new("Corn snack 75g", "Jetz", "pck", 7_500), new("Wafer chocolate 150g", "Tango", "pck", 12_500), new("Chocolate bar 58g", "SilverQueen", "bar", 14_000),
            new("Peanuts garlic 100g", "Garuda", "pck", 10_500), new("Cream biscuits 133g", "Oreo", "pck", 9_500), new("Crackers 250g", "Khong Guan", "pck", 16_000),
            new("Seaweed snack 4g", "Tao Kae Noi", "pck", 8_000), new("Prawn crackers 200g", "Finna", "pck", 13_000), new("Chocolate wafer stick 40g", "Beng-Beng", "pcs", 2_500),
            new("Butter cookies 150g", "Monde", "tin", 32_000), new("Rice crackers 100g", "Kusuka", "pck", 8_500), new("Pretzel sticks 45g", "Pocky", "box", 9_000),
            new("Nut mix 150g", "Dua Kelinci", "pck", 18_000), new("Gummy candy 100g", "Yupi", "pck", 7_000), new("Mint candy roll", "Mentos", "pcs", 3_500),
            new("Chocolate biscuits 100g", "Good Time", "pck", 8_000), new("Sweet corn chips 55g", "Taro", "pck", 6_500)]),
        ("Instant food", "INS", [
            new("Instant noodles fried", "Indomie", "pck", 3_500), new("Instant noodles chicken soup", "Indomie", "pck", 3_200), new("Instant noodles curry", "Indomie", "pck", 3_200),
            new("Instant noodles spicy", "Mie Sedaap", "pck", 3_300), new("Cup noodles seafood", "Pop Mie", "cup", 6_000), new("Instant porridge chicken", "Sarimi", "cup", 5_500),
            new("Korean ramen spicy", "Samyang", "pck", 22_000), new("Instant rice vermicelli", "Bihunku", "pck", 4_500), new("Corned beef 198g", "Pronas", "can", 28_000),
            new("Sardines in tomato 155g", "ABC", "can", 12_000), new("Tuna in oil 150g", "Maya", "can", 17_500), new("Chicken nuggets 500g", "Fiesta", "pck", 52_000),
            new("Sausages 375g", "So Good", "pck", 38_000), new("Instant oatmeal 200g", "Quaker", "box", 27_000), new("Cereal chocolate 330g", "Koko Krunch", "box", 48_000),
            new("Instant soup corn", "Knorr", "pck", 6_500), new("Frozen dumplings 500g", "Bernardi", "pck", 45_000), new("Canned baked beans 300g", "Heinz", "can", 21_000),
            new("Instant noodles goreng jumbo", "Indomie", "pck", 4_500), new("Cup noodles beef", "Pop Mie", "cup", 6_000)]),
        ("Dairy & eggs", "DRY", [
            new("UHT milk full cream 1L", "Ultra Milk", "box", 19_500), new("UHT milk chocolate 250ml", "Ultra Milk", "box", 6_500), new("UHT milk strawberry 250ml", "Frisian Flag", "box", 6_000),
            new("Sweetened condensed milk 370g", "Frisian Flag", "can", 13_500), new("Yogurt drink strawberry 200ml", "Cimory", "btl", 9_000), new("Yogurt plain 500g", "Biokul", "tub", 32_000),
            new("Cheddar cheese 165g", "Kraft", "box", 23_000), new("Butter salted 200g", "Anchor", "pck", 42_000), new("Margarine 200g", "Blue Band", "pck", 10_500),
            new("Eggs free range 10 pcs", "Telur Omega", "pck", 32_000), new("Eggs 1kg", "Farm fresh", "kg", 28_000), new("Milk powder 400g", "Dancow", "box", 56_000),
            new("Fermented milk 65ml x5", "Yakult", "pck", 11_500), new("Cream cheese 170g", "Philadelphia", "box", 48_000), new("Whipping cream 1L", "Anchor", "box", 89_000),
            new("Low fat milk 1L", "Greenfields", "box", 24_500), new("Chocolate milk 190ml", "Milo", "box", 5_500), new("Soy yogurt 125g", "Heavenly Blush", "cup", 12_000),
            new("Mozzarella 200g", "Emina", "pck", 39_000), new("Quail eggs 20 pcs", "Farm fresh", "pck", 12_000)]),
        ("Coffee & tea", "COF", [
            new("Instant coffee 3in1 10x20g", "Kapal Api", "box", 16_000), new("Ground coffee 165g", "Kapal Api", "pck", 18_500), new("White coffee 10x20g", "Luwak", "box", 15_500),
            new("Coffee beans arabica 250g", "Toraja Kalosi", "pck", 85_000), new("Instant coffee jar 100g", "Nescafe Classic", "jar", 38_000), new("Coffee mix 10x25g", "Good Day", "box", 17_000),
            new("Tea bags 25 pcs", "Sariwangi", "box", 8_500), new("Jasmine tea 40g", "Teh Tong Tji", "box", 7_500), new("Green tea bags 25 pcs", "Dilmah", "box", 32_000),
            new("Earl grey 25 pcs", "Twinings", "box", 45_000), new("Chamomile tea 20 pcs", "Twinings", "box", 52_000), new("Cocoa powder 250g", "Van Houten", "box", 64_000),
            new("Chocolate malt 400g", "Milo", "pck", 52_000), new("Ginger tea 5 sachets", "Intra", "box", 12_000), new("Coffee creamer 450g", "Indocafe", "pck", 24_000),
            new("Palm sugar 250g", "Gula Aren", "pck", 15_000), new("Granulated sugar 1kg", "Gulaku", "pck", 17_500), new("Honey 250ml", "Madu TJ", "btl", 28_000),
            new("Cold brew coffee 250ml", "Kopi Kenangan", "btl", 22_000), new("Decaf instant coffee 100g", "Nescafe", "jar", 55_000)]),
        ("Rice & staples", "STP", [
            new("Premium rice 5kg", "Topi Koki", "sck", 78_000), new("Jasmine rice 5kg", "Raja", "sck", 84_000), new("Brown rice 1kg", "Lumbung Padi", "pck", 28_000),
            new("Cooking oil 2L", "Bimoli", "pch", 38_500), new("Cooking oil 1L", "Filma", "pch", 19_500), new("Wheat flour 1kg", "Segitiga Biru", "pck", 13_500),
            new("Rice flour 500g", "Rose Brand", "pck", 9_000), new("Salt iodised 250g", "Refina", "pck", 4_000), new("Soy sauce sweet 520ml", "Bango", "pch", 24_500),
            new("Soy sauce salty 135ml", "ABC", "btl", 8_000), new("Chili sauce 335ml", "ABC", "btl", 14_500), new("Tomato ketchup 335ml", "Del Monte", "btl", 15_000),
            new("Oyster sauce 133ml", "Saori", "btl", 12_000), new("Spaghetti 450g", "La Fonte", "pck", 16_500), new("Seasoning powder 250g", "Royco", "pck", 11_000),
            new("Coconut milk 200ml", "Kara", "box", 8_000), new("Mayonnaise 200g", "Maestro", "pch", 16_000), new("Peanut butter 340g", "Skippy", "jar", 48_000),
            new("Chocolate spread 350g", "Nutella", "jar", 68_000), new("Strawberry jam 250g", "Morin", "jar", 26_000)]),
        ("Personal care", "PCR", [
            new("Shampoo anti-dandruff 170ml", "Clear", "btl", 26_000), new("Shampoo 340ml", "Pantene", "btl", 42_000), new("Body wash 450ml", "Lifebuoy", "btl", 28_000),
            new("Bar soap 110g", "Lux", "pcs", 4_500), new("Toothpaste 190g", "Pepsodent", "tube", 14_500), new("Toothbrush soft", "Formula", "pcs", 9_500),
            new("Mouthwash 250ml", "Listerine", "btl", 32_000), new("Deodorant roll-on 50ml", "Rexona", "btl", 22_500), new("Face wash 100g", "Garnier", "tube", 31_000),
            new("Hand body lotion 200ml", "Vaseline", "btl", 36_000), new("Sunscreen SPF50 40ml", "Biore", "tube", 45_000), new("Hair oil 100ml", "Gatsby", "btl", 18_000),
            new("Cotton buds 100 pcs", "Selection", "box", 8_500), new("Sanitary pads 20 pcs", "Laurier", "pck", 24_000), new("Razor 3 blades", "Gillette", "pcs", 28_000),
            new("Baby powder 200g", "Johnson's", "btl", 21_000), new("Hand sanitizer 100ml", "Antis", "btl", 15_000), new("Lip balm 4g", "Nivea", "pcs", 25_000),
            new("Face mask sheet", "Garnier", "pcs", 18_000), new("Hair gel 150ml", "Gatsby", "tub", 19_500)]),
        ("Household", "HSH", [
            new("Laundry detergent 800g", "Rinso", "pck", 24_500), new("Liquid detergent 750ml", "Attack", "pch", 21_000), new("Fabric softener 800ml", "Molto", "pch", 19_000),
            new("Dishwashing liquid 780ml", "Sunlight", "pch", 17_500), new("Floor cleaner 800ml", "Super Pell", "pch", 16_000), new("Glass cleaner 440ml", "Cling", "btl", 18_500),
            new("Toilet cleaner 500ml", "Harpic", "btl", 22_000), new("Bleach 500ml", "Bayclin", "btl", 11_000), new("Insect spray 600ml", "Baygon", "can", 42_000),
            new("Mosquito coils 10 pcs", "Hit", "box", 8_000), new("Tissue box 250 sheets", "Paseo", "box", 14_500), new("Toilet paper 10 rolls", "Nice", "pck", 38_000),
            new("Garbage bags 30 pcs", "Bagus", "pck", 15_000), new("Kitchen sponge 3 pcs", "Scotch-Brite", "pck", 12_000), new("Aluminium foil 5m", "Klin Pak", "roll", 19_000),
            new("Cling wrap 30m", "Klin Pak", "roll", 22_000), new("AA batteries 4 pcs", "ABC Alkaline", "pck", 24_000), new("LED bulb 9W", "Philips", "pcs", 35_000),
            new("Matches 10 boxes", "Korek Api", "pck", 5_000), new("Air freshener 225ml", "Stella", "can", 27_000)]),
        ("Fresh produce", "FRS", [
            new("Bananas 1kg", "Local farm", "kg", 18_000), new("Red apples 1kg", "Fuji", "kg", 42_000), new("Oranges 1kg", "Medan", "kg", 28_000),
            new("Mango harum manis 1kg", "Probolinggo", "kg", 32_000), new("Papaya 1 pc", "California", "pcs", 15_000), new("Watermelon 1 pc", "Local farm", "pcs", 35_000),
            new("Shallots 250g", "Brebes", "pck", 12_500), new("Garlic 250g", "Local farm", "pck", 11_000), new("Red chili 100g", "Local farm", "pck", 8_000),
            new("Bird's eye chili 100g", "Local farm", "pck", 9_500), new("Tomatoes 500g", "Local farm", "pck", 9_000), new("Potatoes 1kg", "Dieng", "kg", 19_000),
            new("Carrots 500g", "Berastagi", "pck", 10_000), new("Cabbage 1 pc", "Local farm", "pcs", 9_000), new("Spinach bunch", "Local farm", "bunch", 4_000),
            new("Water spinach bunch", "Local farm", "bunch", 3_500), new("Cucumber 500g", "Local farm", "pck", 7_000), new("Limes 250g", "Local farm", "pck", 6_500),
            new("Avocado 1kg", "Local farm", "kg", 36_000), new("Tofu 10 pcs", "Tahu Sumedang", "pck", 12_000)]),
        ("Baby & kids", "BBY", [
            new("Diapers M 34 pcs", "MamyPoko", "pck", 89_000), new("Diapers L 30 pcs", "MamyPoko", "pck", 92_000), new("Baby wipes 50 pcs", "Sweety", "pck", 14_500),
            new("Baby formula 400g", "SGM", "box", 52_000), new("Baby cereal 120g", "Promina", "box", 18_000), new("Baby shampoo 200ml", "Johnson's", "btl", 28_000),
            new("Baby oil 100ml", "Johnson's", "btl", 24_000), new("Baby soap 75g", "Cussons", "pcs", 6_000), new("Feeding bottle 250ml", "Pigeon", "pcs", 65_000),
            new("Pacifier", "Pigeon", "pcs", 35_000), new("Kids toothpaste 50g", "Pepsodent", "tube", 9_500), new("Kids toothbrush", "Formula", "pcs", 8_500),
            new("Baby lotion 100ml", "Cussons", "btl", 19_000), new("Rash cream 50g", "Sudocrem", "tube", 48_000), new("Teether ring", "Pigeon", "pcs", 42_000),
            new("Baby biscuits 100g", "Milna", "box", 16_000), new("Fruit puree pouch 100g", "Heinz", "pch", 21_000), new("Kids juice 125ml", "Buavita", "box", 4_000),
            new("Swim diapers 10 pcs", "Huggies", "pck", 75_000), new("Baby cologne 100ml", "My Baby", "btl", 16_500)]),
    ];

    public static async Task SeedAsync(TillDbContext db, StockLedger stock, LoyaltyLedger loyalty, Guid mainBranch, Guid secondBranch, CancellationToken ct)
    {
        var suppliers = new[]
        {
            new Supplier { Code = "SUP-IDF", Name = "PT Indofood Distribusi", ContactName = "Rudi Hartono", Phone = "021-5795 8822", Email = "sales@indofood.example" },
            new Supplier { Code = "SUP-UNV", Name = "PT Unilever Trading", ContactName = "Maya Sari", Phone = "021-526 2112", Email = "orders@unilever.example" },
            new Supplier { Code = "SUP-FRS", Name = "Koperasi Tani Lembang", ContactName = "Pak Asep", Phone = "0812-2233-4455", Address = "Lembang, Bandung Barat" },
            new Supplier { Code = "SUP-BEV", Name = "CV Sumber Minuman", ContactName = "Dewi Lestari", Phone = "022-420 1188" },
            new Supplier { Code = "SUP-GEN", Name = "Toko Grosir Makmur", ContactName = "Hendra", Phone = "021-690 1234", Notes = "Cash on delivery" },
        };
        db.Suppliers.AddRange(suppliers);

        var products = new List<Product>();
        var sortOrder = 0;
        var serial = 100_000;
        foreach (var (categoryName, prefix, lines) in Shelves)
        {
            var category = new Category { Name = categoryName, SortOrder = sortOrder += 10 };
            db.Categories.Add(category);
            var n = 0;
            foreach (var line in lines)
            {
                var product = new Product
                {
                    CategoryId = category.Id, Sku = $"{prefix}-{++n:D3}", Name = $"{line.Brand} {line.Name}", Brand = line.Brand, Unit = line.Unit,
                    Price = line.Price, Cost = Math.Round(line.Price * 0.72m / 100) * 100, TaxRate = 11,
                };
                product.Barcodes.Add(new ProductBarcode { ProductId = product.Id, Code = Barcode.Ean13($"899{serial++:D9}") });
                products.Add(product);
            }
        }

        db.Products.AddRange(products);
        // A few Bandung prices and reorder levels, so branch overrides and low stock show up in the demo.
        for (var i = 0; i < products.Count; i += 7)
            db.ProductBranches.Add(new ProductBranch { ProductId = products[i].Id, BranchId = secondBranch, Price = products[i].Price + 500, MinStock = 10, MaxStock = 60, ShelfLocation = $"A{i % 12 + 1}" });
        for (var i = 3; i < products.Count; i += 11)
            db.ProductBranches.Add(new ProductBranch { ProductId = products[i].Id, BranchId = mainBranch, MinStock = 12, MaxStock = 80, ShelfLocation = $"B{i % 9 + 1}" });

        var customers = new (string Name, string Phone, string? Email, DateOnly? Birthday)[]
        {
            ("Budi Santoso", "0812-1000-2001", "budi.santoso@example.com", new DateOnly(1985, 3, 14)),
            ("Siti Rahayu", "0813-2000-3002", "siti.rahayu@example.com", new DateOnly(1990, 7, 2)),
            ("Agus Wijaya", "0815-3000-4003", null, new DateOnly(1978, 11, 23)),
            ("Dewi Kusuma", "0817-4000-5004", "dewi.k@example.com", null),
            ("Rina Marlina", "0818-5000-6005", "rina.m@example.com", new DateOnly(1995, 1, 30)),
            ("Joko Prasetyo", "0819-6000-7006", null, null),
            ("Lina Hartati", "0821-7000-8007", "lina.h@example.com", new DateOnly(1988, 9, 9)),
            ("Andi Saputra", "0822-8000-9008", null, new DateOnly(2000, 5, 17)),
            ("Putri Anggraini", "0823-9000-1009", "putri.a@example.com", null),
            ("Hendra Gunawan", "0852-1100-2010", "hendra.g@example.com", new DateOnly(1982, 12, 1)),
            ("Yanti Susanti", "0853-1200-3011", null, null),
            ("Fajar Nugroho", "0856-1300-4012", "fajar.n@example.com", new DateOnly(1993, 4, 21)),
        };
        var customerRows = customers.Select((c, i) => new Customer { Code = $"C{i + 1:D4}", Name = c.Name, Phone = c.Phone, Email = c.Email, Birthday = c.Birthday, Address = i % 2 == 0 ? "Jakarta" : "Bandung" }).ToList();
        db.Customers.AddRange(customerRows);
        await db.SaveChangesAsync(ct);

        var warehouses = await db.Warehouses.Where(w => w.IsDefault && (w.BranchId == mainBranch || w.BranchId == secondBranch)).ToDictionaryAsync(w => w.BranchId, w => w.Id, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < products.Count; i++)
        {
            var product = products[i];
            // Opening stock: 20-140 in Jakarta, 8-68 in Bandung; a handful start low to feed the low-stock list.
            await stock.PostAsync(new StockPosting(warehouses[mainBranch], product.Id, MovementType.Count, 20 + (i * 37) % 121, product.Cost, Notes: "Opening stock"), ct);
            await stock.PostAsync(new StockPosting(warehouses[secondBranch], product.Id, MovementType.Count, i % 7 == 0 ? 6 : 8 + (i * 53) % 61, product.Cost, Notes: "Opening stock"), ct);
        }

        for (var i = 0; i < customerRows.Count; i++)
            await loyalty.PostAsync(customerRows[i].Id, LoyaltyEntryType.Earn, 50 + i * 35, "Welcome points", ct: ct);
        await tx.CommitAsync(ct);
    }
}
