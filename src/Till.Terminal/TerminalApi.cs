using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Till.Core.Payments;
using Till.Core.Sync;
using Till.Core.Sync.Mutations;
using Till.Sdk;

namespace Till.Terminal;

/// <summary>The local REST API the cashier UI calls (localhost only). Selling needs a PIN session (header <c>X-Cashier-Session</c>).</summary>
internal static class TerminalApi
{
    public const string SessionHeader = "X-Cashier-Session";

    public static void MapTerminalApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api");

        api.MapPost("/activation", async Task<Results<Ok<DeviceProfile>, ValidationProblem, ProblemHttpResult>> (ActivationRequest request, TerminalHost host, CancellationToken ct) =>
        {
            var errors = new List<ValidationResult>();
            if (!Validator.TryValidateObject(request, new ValidationContext(request), errors, validateAllProperties: true))
                return TypedResults.ValidationProblem(errors.ToDictionary(e => e.MemberNames.FirstOrDefault() ?? "request", e => new[] { e.ErrorMessage ?? "Invalid." }));
            if (host.IsActivated) return TypedResults.Problem("This terminal is already activated.", statusCode: StatusCodes.Status409Conflict);
            try
            {
                return TypedResults.Ok(await host.ActivateAsync(request, ct));
            }
            catch (TillApiException e)
            {
                return TypedResults.Problem(e.Message, title: "The server refused the activation", statusCode: e.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity);
            }
        });

        api.MapGet("/status", (TerminalHost host) =>
        {
            var license = host.License();
            return TypedResults.Ok(new
            {
                activated = host.IsActivated,
                device = host.Store.Device,
                license = new { state = license.State, can_sell = license.CanSell, reason = license.Reason, grace_ends_at = license.GraceEndsAt },
                sync = host.Engine?.Status,
            });
        });

        api.MapPost("/session", Results<Ok<object>, UnauthorizedHttpResult> (PinLoginRequest request, CashierSessions sessions) =>
            sessions.SignIn(request.Username ?? "", request.Pin ?? "") is { } token
                ? TypedResults.Ok<object>(new { token })
                : TypedResults.Unauthorized());

        api.MapGet("/products", (string? search, string? barcode, TerminalHost host) =>
            TypedResults.Ok(barcode is not null
                ? host.Store.FindByBarcode(barcode) is { } p ? [p] : Array.Empty<ProductInfo>()
                : host.Store.SearchProducts(search ?? "", 50)));

        api.MapGet("/tables", (TerminalHost host) => TypedResults.Ok(host.Store.GetEntities("table").Select(t => t.Data)));

        api.MapGet("/customers", (TerminalHost host) => TypedResults.Ok(host.Store.GetEntities("customer").Select(c => c.Data)));

        api.MapGet("/sync", (TerminalHost host) => TypedResults.Ok(new
        {
            status = host.Engine?.Status,
            cursor = host.Store.Cursor,
            outbox = host.Store.GetOutbox(50),
            issues = host.Store.GetIssues(),
        }));

        api.MapPost("/sync/run", async Task<Results<NoContent, ProblemHttpResult>> (TerminalHost host, CancellationToken ct) =>
        {
            if (host.Engine is null) return TypedResults.Problem("The terminal is not activated.", statusCode: 409);
            try
            {
                await host.Engine.SyncAsync(ct);
                return TypedResults.NoContent();
            }
            catch (TillApiException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

        api.MapPost("/sync/issues/{seq:long}/retry", Results<Ok<object>, NotFound> (long seq, TerminalHost host, TimeProvider clock) =>
            host.Store.RetryIssue(seq, clock.GetUtcNow().UtcDateTime) is { } newSeq ? TypedResults.Ok<object>(new { seq = newSeq }) : TypedResults.NotFound());

        api.MapPost("/sync/issues/{seq:long}/dismiss", Results<NoContent, NotFound> (long seq, TerminalHost host) =>
            host.Store.DismissIssue(seq) ? TypedResults.NoContent() : TypedResults.NotFound());

        api.MapPost("/backup", (TerminalHost host, IConfiguration config) =>
        {
            var file = Path.Combine(Path.GetTempPath(), $"till-backup-{Guid.NewGuid():N}.db");
            host.Store.Backup(file);
            return TypedResults.PhysicalFile(file, "application/vnd.sqlite3", "till-backup.db");
        });

        var till = api.MapGroup("").AddEndpointFilter(RequireCashier);
        till.MapPost("/sales", (SaleRequestBody body, HttpContext http, TerminalHost host) => Act(() =>
        {
            if (body.Lines is not { Count: > 0 } || body.Payments is null) throw new SaleRefusedException("A sale needs lines and payments.");
            var sale = new SaleRequest(body.Lines.Select(l => new SaleLine(l.ProductId, l.Quantity, l.Note)).ToList(),
                body.Payments.Select(p => new Tender(p.Method, p.Amount, Reference: p.Reference)).ToList())
            {
                CustomerId = body.CustomerId,
                CashierId = Cashier(http),
                OrderType = body.OrderType ?? "retail",
                TableId = body.TableId,
            };
            return host.Register.CompleteSale(sale);
        }, created: true));
        till.MapGet("/tabs", (TerminalHost host) => TypedResults.Ok(host.Register.GetOpenTabs()));
        till.MapPost("/tabs", (OpenTabBody body, HttpContext http, TerminalHost host) => Act(() =>
            host.Register.OpenTab(body.TableId, body.Guests, body.CustomerId, Cashier(http), body.OrderType ?? "dine_in"), created: true));
        till.MapPost("/tabs/{id:guid}/lines", (Guid id, TabLineBody body, TerminalHost host) => Act(() => host.Register.AddTabLine(id, body.ProductId, body.Quantity, body.Note)));
        till.MapPatch("/tabs/{id:guid}/lines/{lineId:guid}", (Guid id, Guid lineId, TabQuantityBody body, TerminalHost host) => Act(() => host.Register.ChangeTabQuantity(id, lineId, body.Quantity)));
        till.MapDelete("/tabs/{id:guid}/lines/{lineId:guid}", (Guid id, Guid lineId, TerminalHost host) => Act(() => host.Register.RemoveTabLine(id, lineId)));
        till.MapPost("/tabs/{id:guid}/move", (Guid id, MoveTabBody body, TerminalHost host) => Act(() => host.Register.MoveTab(id, body.TableId)));
        till.MapPost("/tabs/{id:guid}/pay", (Guid id, PayTabBody body, HttpContext http, TerminalHost host) => Act(() =>
        {
            if (body.Payments is not { Count: > 0 }) throw new SaleRefusedException("Paying a tab needs payments.");
            return host.Register.PayTab(id, [.. body.Payments.Select(p => new Tender(p.Method, p.Amount, Reference: p.Reference))], Cashier(http));
        }));
        till.MapGet("/orders", (TerminalHost host) => TypedResults.Ok(host.Register.GetOrders()));
        till.MapGet("/orders/{id:guid}", Results<Ok<LocalOrder>, NotFound> (Guid id, TerminalHost host) =>
            host.Register.GetOrder(id) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound());
        till.MapPost("/orders/{id:guid}/refund", (Guid id, RefundRequestBody body, TerminalHost host) => Act(() =>
            host.Register.Refund(id, (body.Lines ?? []).Select(l => (l.LineId, l.Quantity)).ToList(), body.Method ?? PaymentMethodKind.Cash, body.Restock ?? true, body.Reason)));
        till.MapPost("/orders/{id:guid}/void", (Guid id, VoidRequestBody body, TerminalHost host) => Act(() => host.Register.Void(id, body.Reason ?? "")));
        till.MapGet("/shifts/current", (TerminalHost host) => TypedResults.Ok(new
        {
            shift_id = host.Register.CurrentShiftId,
            expected_cash = host.Register.CurrentShiftId is { } s ? host.Register.ExpectedCash(s) : (decimal?)null,
        }));
        till.MapPost("/shifts/open", (OpenShiftBody body, HttpContext http, TerminalHost host) => Act(() => host.Register.OpenShift(Cashier(http), body.OpeningFloat)));
        till.MapPost("/shifts/close", (CloseShiftBody body, TerminalHost host) => Act(() => host.Register.CloseShift(body.CountedCash, body.Note)));
        till.MapPost("/cash-movements", (CashMoveBody body, TerminalHost host) => Act(() => host.Register.MoveCash(body.Direction ?? "", body.Amount, body.Reason)));
        till.MapPost("/customers", (CustomerBody body, TerminalHost host) => Act(() =>
            host.Register.SaveCustomer(new CustomerUpsert(body.Id ?? RowId.New(), body.Code ?? "", body.Name ?? "", body.Phone, body.Email, null, null, null))));
    }

    private static Guid? Cashier(HttpContext http) =>
        http.RequestServices.GetRequiredService<CashierSessions>().Cashier(http.Request.Headers[SessionHeader].FirstOrDefault());

    private static async ValueTask<object?> RequireCashier(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var host = http.RequestServices.GetRequiredService<TerminalHost>();
        if (!host.IsActivated) return TypedResults.Problem("Activate the terminal first.", statusCode: StatusCodes.Status409Conflict);
        if (Cashier(http) is null) return TypedResults.Problem("Sign in with your PIN.", statusCode: StatusCodes.Status401Unauthorized);
        return await next(context);
    }

    /// <summary>Runs a local action: its result, 403 when the licence forbids selling, 422 when the action is refused.</summary>
    private static IResult Act<T>(Func<T> action, bool created = false)
    {
        try
        {
            var result = action();
            return created ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
        }
        catch (SaleRefusedException e) when (e.Message.StartsWith("Selling is blocked", StringComparison.Ordinal))
        {
            return TypedResults.Problem(e.Message, title: "Licence", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (SaleRefusedException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }
}
