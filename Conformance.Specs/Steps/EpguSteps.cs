using System.Globalization;
using Conformance.Specs.Harness;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>
/// The «API ЕПГУ» feature (epgu-api.md): the app submits an application as the target file says, MockEsia's API ЕПГУ
/// misbehaves on purpose, and the app is judged by what its calls show in MockEsia's journal and what its pages show.
/// MockEsia's clock stands still for these scenarios, so an order moves only when a step moves the clock.
/// </summary>
[Binding]
public sealed class EpguSteps
{
    /// <summary>How far the clock moves for the agency's answer: past the final status (6.6 s after submission, §3.3).</summary>
    private static readonly TimeSpan AgencyAnswer = TimeSpan.FromSeconds(10);

    /// <summary>How far the clock moves to a status that allows cancelling (21, 1.3 s after submission, §3.4).</summary>
    private static readonly TimeSpan ToCancellable = TimeSpan.FromSeconds(2);

    /// <summary>The least gap between a refusal "for now" and the next try of the same call that is not a burst.</summary>
    public static readonly TimeSpan LeastBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>How many times one refused call may be tried again.</summary>
    public const int MaxRetries = 3;

    private readonly ScenarioHarness _h;
    private long _mark;
    private long? _orderId;
    private long? _other;

    /// <summary>Created per scenario with its harness.</summary>
    public EpguSteps(ScenarioHarness harness) => _h = harness;

    private TargetApp Target => _h.Target;

    private TargetEpgu Epgu => Target.Epgu!;

    private MockEsiaDriver Mock => _h.Run.Mock;

    private long OrderId => _orderId ?? throw new InconclusiveException("the scenario has no application to follow (a step before it should have found one)",
        "в сценарии нет заявления, за которым следить (его должен был найти предыдущий шаг)");

    [Given("the app submits applications through API ЕПГУ")]
    public async Task AppUsesEpgu()
    {
        Expect.Precondition(Target.Epgu is not null, "the target file has no epgu block (how the app submits an application)", "в файле цели нет блока epgu (как ИС подаёт заявление)");
        var services = await Mock.Admin.EpguServicesAsync();
        Expect.Precondition(services.Any(s => s.Code == Epgu.ServiceCode),
            $"MockEsia has no API ЕПГУ service {Epgu.ServiceCode} (epgu.serviceCode); it has {string.Join(", ", services.Select(s => s.Code))}",
            $"в API ЕПГУ MockEsia нет услуги {Epgu.ServiceCode} (epgu.serviceCode); есть: {string.Join(", ", services.Select(s => s.Code))}");
        await Mock.Admin.FreezeClockAsync();
        _h.Note($"API ЕПГУ: service {Epgu.ServiceCode}; MockEsia's clock stands still, orders move only when a step moves it.",
            $"API ЕПГУ: услуга {Epgu.ServiceCode}; часы MockEsia остановлены, заявления продвигаются только при сдвиге часов шагом сценария.");
    }

    [Given("the app's clean submission works")]
    public async Task CleanSubmissionWorks()
    {
        if (_h.Run.CleanSubmissionFailure is null)
        {
            var browser = await _h.Run.NewBrowserAsync();
            try
            {
                await _h.LoginAsync(browser, grant: true);
                var mark = await Mock.LastJournalIdAsync();
                await SubmitAsync(browser);
                var records = await _h.RecordsAsync();
                if (records.Where(e => e.Id > mark).FirstOrDefault(e => e.Submitted()) is not { OrderId: { } orderId })
                {
                    _h.Run.CleanSubmissionFailure = WhyNotSubmitted(records.Where(e => e.Id > mark).ToArray(), browser);
                }
                else
                {
                    await AgencyAnsweredAsync();
                    await browser.GoAsync(Target.Url(Epgu.OrderPathOf(orderId)));
                    var status = (await OrderAsync(orderId)).StatusName;
                    _h.Run.CleanSubmissionFailure = Text(browser.LastBody).Contains(status, StringComparison.Ordinal)
                        ? Wording.None
                        : new($"the app's order page {Epgu.OrderPathOf(orderId)} does not show the application's final status «{status}»",
                            $"страница заявления ИС {Epgu.OrderPathOf(orderId)} не показывает финальный статус заявления «{status}»");
                }
            }
            catch (BrowserException ex)
            {
                _h.Run.CleanSubmissionFailure = new(ex.Message, $"браузер не получил ответа ({ex.Url.GetLeftPart(UriPartial.Path)})");
            }
            finally
            {
                await browser.DisposeAsync();
            }

            // Back to where the scenario started: no orders, the clock where it stood.
            await Mock.ResetAndRegisterAsync(Target, _h.Run.Readings);
            await Mock.Admin.FreezeClockAsync();
        }

        _h.JournalMark = await Mock.LastJournalIdAsync();
        var failure = _h.Run.CleanSubmissionFailure;
        Expect.Precondition(failure == Wording.None, $"a clean submission does not reach a final status the app shows ({failure.English}), so this scenario cannot judge the app (EPGU-C01 judges the submission)",
            $"обычная подача заявления не доходит до финального статуса, который показывает ИС ({failure.Russian}), поэтому сценарий не может оценить ИС (подачу оценивает EPGU-C01)");
        _h.Note("Precondition: a clean submission reaches a final status and the app shows it (learnt once per run).",
            "Предусловие: обычная подача заявления доходит до финального статуса, и ИС его показывает (проверено один раз за прогон).");
    }

    [When("the person submits an application through the app")]
    public async Task Submit()
    {
        _mark = await Mock.LastJournalIdAsync();
        await SubmitAsync(await _h.BrowserAsync());
    }

    [Given("the app submitted an application")]
    public async Task AppSubmitted()
    {
        var records = await _h.RecordsAsync();
        var submitted = records.FirstOrDefault(e => e.Id > _mark && e.Submitted());
        var why = submitted is null ? WhyNotSubmitted(records.Where(e => e.Id > _mark).ToArray(), await _h.BrowserAsync()) : Wording.None;
        Expect.Precondition(submitted is not null, $"the app submitted no application ({why.English})", $"ИС не подала заявление ({why.Russian})");
        _orderId = submitted!.OrderId;
        _h.Note($"The app submitted order {_orderId}.", $"ИС подала заявление {_orderId}.");
    }

    [Then("the app submitted exactly one application")]
    public async Task ExactlyOne()
    {
        var orders = await SubmittedAsync();
        if (orders.Length == 0)
        {
            throw new ConformanceFailure("the app should have submitted the application, but no upload submitted an order", "ИС должна была подать заявление, но ни одна загрузка не создала заявления");
        }

        Expect.That(orders.Length == 1, $"the app submitted {orders.Length} applications ({string.Join(", ", orders)}) for one request: a duplicate order",
            $"на одну просьбу ИС подала заявлений: {orders.Length} ({string.Join(", ", orders)}) — дубликат");
    }

    [Then("the app submitted no application")]
    public async Task NoneSubmitted()
    {
        var orders = await SubmittedAsync();
        Expect.That(orders.Length == 0, $"the app should not have submitted an application here, but it submitted {string.Join(", ", orders)}",
            $"здесь ИС не должна была подавать заявление, но подала: {string.Join(", ", orders)}");
    }

    [Then("the app submitted at most one application")]
    public async Task AtMostOne()
    {
        var orders = await SubmittedAsync();
        Expect.That(orders.Length <= 1, $"the app submitted {orders.Length} applications ({string.Join(", ", orders)}) for one request: a duplicate order",
            $"на одну просьбу ИС подала заявлений: {orders.Length} ({string.Join(", ", orders)}) — дубликат");
    }

    [When("the agency has answered the application")]
    public Task AgencyAnswered() => AgencyAnsweredAsync();

    [When("the application reaches a status that allows cancelling")]
    public async Task ReachCancellable()
    {
        await Mock.Admin.AdvanceClockAsync(ToCancellable);
        await WaitPollIntervalAsync();
        _h.Note($"MockEsia's clock moved {ToCancellable.TotalSeconds:0} s: the order is «Заявление отправлено в ведомство», which allows cancelling (§3.4).",
            $"Часы MockEsia сдвинуты на {ToCancellable.TotalSeconds:0} с: заявление в статусе «Заявление отправлено в ведомство», допускающем отмену (§3.4).");
    }

    [When("the person opens the application's page")]
    public async Task OpenOrder()
    {
        var status = await (await _h.BrowserAsync()).GoAsync(Target.Url(Epgu.OrderPathOf(OrderId)));
        _h.Note($"GET {Epgu.OrderPathOf(OrderId)} → {status}.", $"GET {Epgu.OrderPathOf(OrderId)} → {status}.");
    }

    [When("the person opens the application's page {int} times in a row")]
    public async Task OpenOrderTimes(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await OpenOrder();
        }
    }

    [When("the person opens the application's page twice more after the poll interval")]
    public async Task OpenTwiceMore()
    {
        _mark = await Mock.LastJournalIdAsync();
        await WaitPollIntervalAsync();
        await OpenOrder();
        await WaitPollIntervalAsync();
        await OpenOrder();
    }

    [Then("the page shows the application's current status")]
    public async Task ShowsStatus()
    {
        var order = await OrderAsync(OrderId);
        _h.Order = order;
        var page = Text((await _h.BrowserAsync()).LastBody);
        NoteOrder(order);
        Expect.That(page.Contains(order.StatusName, StringComparison.Ordinal),
            $"the app's page should show the application's current status «{order.StatusName}» (processing state {order.Code}), but it does not",
            $"страница ИС не показывает текущий статус заявления «{order.StatusName}» (состояние обработки {order.Code})");
    }

    [Then("the page shows the application's refusal")]
    public async Task ShowsRefusal()
    {
        var order = await OrderAsync(OrderId);
        _h.Order = order;
        var page = Text((await _h.BrowserAsync()).LastBody);
        NoteOrder(order);
        Expect.That(page.Contains(order.StatusName, StringComparison.Ordinal) || page.Contains(order.Code, StringComparison.Ordinal),
            $"the app's page should tell the person that the application was refused (status «{order.StatusName}» or processing state {order.Code}), but it shows neither",
            $"страница ИС не сообщает пользователю об отказе в приёме заявления (ни статуса «{order.StatusName}», ни состояния обработки {order.Code})");
    }

    [Then("the page does not show the application's status")]
    public async Task HidesStatus()
    {
        var order = await OrderAsync(OrderId);
        Expect.That(!Text((await _h.BrowserAsync()).LastBody).Contains(order.StatusName, StringComparison.Ordinal),
            $"the app showed person {_other} the status «{order.StatusName}» of person {Target.PersonOid}'s application {OrderId}",
            $"ИС показала пользователю {_other} статус «{order.StatusName}» заявления {OrderId} пользователя {Target.PersonOid}");
    }

    [Given("API ЕПГУ answers the next upload with 401")]
    public Task Upload401() => AddAsync(new Fault { Endpoint = FaultEndpoint.Epgu, Operation = EndpointNames.EpguPush, Kind = FaultKind.Unauthorized, ClientId = Target.ClientId });

    [Given("API ЕПГУ answers every call with 429, then limitation_exception")]
    public async Task Limits()
    {
        await Mock.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Epgu, Kind = FaultKind.TooManyRequests, ClientId = Target.ClientId });
        await AddAsync(new Fault { Endpoint = FaultEndpoint.Epgu, Kind = FaultKind.LimitationException, ClientId = Target.ClientId, Times = null });
    }

    [Given("API ЕПГУ answers the next four calls with 502, 503, 504 and internal_error")]
    public async Task Outages()
    {
        foreach (var kind in new[] { FaultKind.BadGateway, FaultKind.ServiceUnavailable, FaultKind.GatewayTimeout })
        {
            await Mock.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Epgu, Kind = kind, ClientId = Target.ClientId });
        }

        await AddAsync(new Fault { Endpoint = FaultEndpoint.Epgu, Kind = FaultKind.InternalError, ClientId = Target.ClientId });
    }

    [Given("the service refuses every archive with {word}")]
    public async Task RefuseArchives(string state)
    {
        var outcome = state switch
        {
            "INVALID_FILES_STRUCTURE" => EpguOutcome.InvalidFilesStructure,
            "FILES_VERIFICATION_FAILED" => EpguOutcome.FilesVerificationFailed,
            _ => throw new InconclusiveException($"'{state}' is not an archive refusal MockEsia can script", $"«{state}» не относится к отказам в приёме архива, которые умеет MockEsia"),
        };
        await Mock.Admin.SetEpguServiceOutcomeAsync(Epgu.ServiceCode, outcome);
        _h.Note($"API ЕПГУ refuses every archive of service {Epgu.ServiceCode} with {state} (§2.4, §3.2).",
            $"API ЕПГУ отклоняет любой архив услуги {Epgu.ServiceCode} с состоянием {state} (§2.4, §3.2).");
    }

    [Given("the application was refused with {word}")]
    public async Task WasRefused(string state)
    {
        var order = await OrderAsync(OrderId);
        Expect.Precondition(order.Code == state, $"order {OrderId} ended in {order.Code}, not {state}", $"заявление {OrderId} завершилось состоянием {order.Code}, а не {state}");
    }

    [When("the person withdraws the consent to API ЕПГУ")]
    public async Task Withdraw()
    {
        var withdrawn = await Mock.Admin.WithdrawConsentsAsync(Target.PersonOid, Target.ClientId);
        Expect.Precondition(withdrawn > 0, "the person had given the app no APIPGU consent at login (permissions), so there is none to withdraw",
            "при входе пользователь не дал ИС согласия APIPGU (permissions), отзывать нечего");
        _h.Note($"Person {Target.PersonOid} withdrew the APIPGU consent given to {Target.ClientId}, as in the personal account.",
            $"Пользователь {Target.PersonOid} отозвал согласие APIPGU, данное {Target.ClientId}, как в личном кабинете.");
    }

    [Given("the app tried to submit")]
    public async Task TriedToSubmit()
    {
        var after = (await _h.RecordsAsync()).Where(e => e.Id > _mark).ToArray();
        Expect.Precondition(after.Any(e => e.IsEpgu() || e.IsToken() || e.IsAuthorization()), "the app called neither API ЕПГУ nor ESIA when asked to submit",
            "на просьбу подать заявление ИС не обратилась ни к API ЕПГУ, ни к ЕСИА");
    }

    [Then("the app made at most {int} calls to API ЕПГУ")]
    public async Task AtMostCalls(int most)
    {
        var calls = (await _h.RecordsAsync()).Where(e => e.Id > _mark && e.IsEpgu()).ToArray();
        var listed = string.Join(", ", calls.Select(c => $"{c.Endpoint} {c.Status}{(c.ErrorCode is null ? "" : " " + c.ErrorCode)}"));
        _h.Note($"{calls.Length} API ЕПГУ call(s): {listed}.", $"Обращений к API ЕПГУ: {calls.Length}: {listed}.");
        Expect.That(calls.Length <= most, $"the app called API ЕПГУ {calls.Length} times after it was refused for good (at most {most}): it retries in a loop",
            $"после окончательного отказа ИС обратилась к API ЕПГУ {calls.Length} раз(а) (допустимо не более {most}): она повторяет запросы в цикле");
    }

    [Then("the app renewed its token once after the 401")]
    public async Task RenewedAfter401()
    {
        var after = (await _h.RecordsAsync()).Where(e => e.Id > _mark).ToArray();
        var refused = after.Where(e => e.IsEpgu() && e.Status == 401).ToArray();
        var first = refused[0];
        var next = after.FirstOrDefault(e => e.Id > first.Id && e.IsEpgu());
        var renewals = after.Where(e => e.Id > first.Id && (next is null || e.Id < next.Id) && (e.IsToken() || e.IsAuthorization())).ToArray();
        var listed = string.Join(", ", renewals.Select(r => $"{r.Endpoint} {r.Parameter(Esia.Protocol.EsiaParameters.GrantType)} {r.Status}"));
        _h.Note($"After the 401: {renewals.Length} token request(s) ({listed}), then {(next is null ? "no API ЕПГУ call" : $"{next.Endpoint} {next.Status}")}.",
            $"После ответа 401: запросов маркера {renewals.Length} ({listed}), затем {(next is null ? "ни одного обращения к API ЕПГУ" : $"{next.Endpoint} {next.Status}")}.");
        Expect.That(next is not null, "after API ЕПГУ's 401 the app should get a new token (prm_chg or a new login) and try again once, but it never called API ЕПГУ again",
            "после ответа API ЕПГУ 401 ИС должна получить новый маркер (prm_chg или новый вход) и один раз повторить запрос, но больше к API ЕПГУ не обращалась");
        Expect.That(renewals.Any(r => r.Succeeded), $"after API ЕПГУ's 401 the app called again without a new token from ESIA ({next!.Endpoint} → {next.Status})",
            $"после ответа API ЕПГУ 401 ИС повторила запрос, не получив нового маркера от ЕСИА ({next.Endpoint} → {next.Status})");
        Expect.That(refused.Length <= 2, $"API ЕПГУ answered 401 {refused.Length} times: the app retries with refused tokens",
            $"API ЕПГУ ответил 401 {refused.Length} раз(а): ИС повторяет запросы с отвергнутыми маркерами");
    }

    [Then("the app backed off after every refusal")]
    public async Task BackedOff()
    {
        var calls = (await _h.RecordsAsync()).Where(e => e.Id > _mark && e.IsEpgu()).OrderBy(e => e.Id).ToArray();
        var problems = new List<Wording>();
        var run = 0;
        for (var i = 0; i < calls.Length; i++)
        {
            var call = calls[i];
            var previous = i > 0 ? calls[i - 1] : null;
            if (previous is not null && previous.RefusedForNow())
            {
                var gap = call.RealTime - previous.RealTime;
                if (gap < LeastBackoff)
                {
                    var answer = $"{previous.Status}{(previous.ErrorCode is null ? "" : " " + previous.ErrorCode)}";
                    problems.Add(new($"{call.Endpoint} {(int)gap.TotalMilliseconds} ms after {previous.Endpoint} was refused with {answer}",
                        $"{call.Endpoint} через {(int)gap.TotalMilliseconds} мс после отказа {previous.Endpoint} с ответом {answer}"));
                }

                run = previous.Endpoint == call.Endpoint ? run + 1 : 0;
                if (run == MaxRetries + 1)
                {
                    problems.Add(new($"{call.Endpoint} tried more than {MaxRetries} times again after being refused", $"{call.Endpoint} повторён после отказа более {MaxRetries} раз"));
                }
            }
            else
            {
                run = 0;
            }
        }

        var listed = string.Join(", ", calls.Select(c => $"{c.Endpoint} {c.Status}"));
        _h.Note($"{calls.Length} API ЕПГУ call(s): {listed}.", $"Обращений к API ЕПГУ: {calls.Length}: {listed}.");
        var shown = problems.Distinct().Take(3).ToArray();
        Expect.That(problems.Count == 0,
            $"the app did not back off: {string.Join("; ", shown.Select(p => p.English))}{(problems.Count > shown.Length ? $"; and {problems.Count - shown.Length} more" : "")} (a retry at least {LeastBackoff.TotalMilliseconds:0} ms after a refusal, at most {MaxRetries} retries)",
            $"ИС не выдерживала паузу после отказа: {string.Join("; ", shown.Select(p => p.Russian))}{(problems.Count > shown.Length ? $"; и ещё {problems.Count - shown.Length}" : "")} (повтор не ранее чем через {LeastBackoff.TotalMilliseconds:0} мс после отказа, не более {MaxRetries} повторов)");
    }

    [Then("the app never asked about the application more often than its poll interval")]
    public async Task PolledPolitely()
    {
        var records = await _h.RecordsAsync();
        var reads = records.Where(e => e.Id > _mark && e.ReadsStatus(OrderId)).OrderBy(e => e.Id).ToArray();
        var epguCalls = string.Join(", ", records.Where(e => e.Id > _mark && e.IsEpgu()).Select(e => $"{e.Endpoint} {string.Join("&", e.Parameters.Select(p => p.Key + "=" + p.Value))}"));
        Expect.Precondition(reads.Length > 0, $"the app never asked API ЕПГУ about the application, so its polling cannot be judged (its API ЕПГУ calls: {epguCalls})",
            $"ИС ни разу не запросила у API ЕПГУ статус заявления, оценить частоту опроса нельзя (её обращения к API ЕПГУ: {epguCalls})");
        var interval = TimeSpan.FromSeconds(Epgu.PollIntervalSeconds);
        var tolerance = TimeSpan.FromMilliseconds(100);
        var fast = reads.Zip(reads.Skip(1)).Where(p => p.Second.RealTime - p.First.RealTime < interval - tolerance).ToArray();
        var stated = Epgu.PollIntervalSeconds.ToString(CultureInfo.InvariantCulture);
        _h.Note($"{reads.Length} status request(s) about order {OrderId}; stated poll interval {stated} s.", $"Запросов статуса заявления {OrderId}: {reads.Length}; заявленный интервал опроса {stated} с.");
        var closest = fast.Length == 0 ? TimeSpan.Zero : fast.Min(p => p.Second.RealTime - p.First.RealTime);
        Expect.That(fast.Length == 0, $"the app asked about the application {reads.Length} times, twice within {(int)closest.TotalMilliseconds} ms, faster than its stated poll interval of {stated} s",
            $"ИС запросила статус заявления {reads.Length} раз(а), дважды в пределах {(int)closest.TotalMilliseconds} мс — чаще заявленного интервала опроса {stated} с");
    }

    [Then("the app did not ask about the application again")]
    public async Task NoMoreReads()
    {
        var reads = (await _h.RecordsAsync()).Where(e => e.Id > _mark && e.ReadsStatus(OrderId)).ToArray();
        Expect.That(reads.Length == 0, $"the app asked about the application {reads.Length} more time(s) after it showed its final status: polling should stop at a final status (§3.3)",
            $"после показа финального статуса ИС ещё {reads.Length} раз(а) запросила статус заявления: опрос должен прекращаться на финальном статусе (§3.3)");
    }

    [Given("the service allows cancelling")]
    public async Task ServiceCancels() =>
        Expect.Precondition((await Mock.Admin.EpguServicesAsync()).Single(s => s.Code == Epgu.ServiceCode).CancelAllowed, $"service {Epgu.ServiceCode} does not allow cancelling (§2.6)",
            $"услуга {Epgu.ServiceCode} не допускает отмену (§2.6)");

    [Given("the app offers cancelling")]
    public void AppCancels() => Expect.Precondition(!string.IsNullOrEmpty(Epgu.CancelButton), "the target file names no epgu.cancelButton", "в файле цели не указан epgu.cancelButton");

    [When("the person asks the app to cancel the application")]
    public async Task AskCancel()
    {
        _mark = await Mock.LastJournalIdAsync();
        var browser = await _h.BrowserAsync();
        await browser.GoAsync(Target.Url(Epgu.OrderPathOf(OrderId)));
        if (browser.LastBody.Contains($"data-testid=\"{Epgu.CancelButton}\"", StringComparison.Ordinal) || browser.LastBody.Contains($"data-testid='{Epgu.CancelButton}'", StringComparison.Ordinal))
        {
            var status = await browser.SubmitAsync(Epgu.CancelButton!);
            _h.Note($"Pressed {Epgu.CancelButton} → {status}.", $"Нажата кнопка «{Epgu.CancelButton}» → {status}.");
        }
        else
        {
            _h.Note($"The order page shows no {Epgu.CancelButton}: nothing to press.", $"На странице заявления нет кнопки «{Epgu.CancelButton}»: нажимать нечего.");
        }
    }

    [Then("the app did not ask API ЕПГУ to cancel")]
    public async Task NoCancel()
    {
        var cancels = (await _h.RecordsAsync()).Where(e => e.Id > _mark && e.Endpoint == EndpointNames.EpguCancel).ToArray();
        var answered = string.Join(", ", cancels.Select(c => $"{c.Status} {c.ErrorCode}"));
        Expect.That(cancels.Length == 0, $"the app asked API ЕПГУ to cancel while the status did not allow it (answered {answered}; §3.4)",
            $"ИС запросила в API ЕПГУ отмену, когда статус её не допускал (ответ {answered}; §3.4)");
    }

    [Then("the app cancelled the application")]
    public async Task Cancelled()
    {
        var cancels = (await _h.RecordsAsync()).Where(e => e.Id > _mark && e.Endpoint == EndpointNames.EpguCancel).ToArray();
        Expect.That(cancels.Length > 0, "the person asked to cancel in a status that allows it, but the app never called cancel",
            "пользователь попросил отменить заявление в статусе, допускающем отмену, но ИС не обратилась к отмене");
        var answered = string.Join(", ", cancels.Select(c => $"{c.Status} {c.ErrorCode}"));
        Expect.That(cancels.Any(c => c.Succeeded && c.OrderId == OrderId), $"the app's cancel was refused: {answered}", $"отмена, запрошенная ИС, отклонена: {answered}");
    }

    [When("another person signs in through the app on another device")]
    public async Task OtherSignsIn()
    {
        _other = (await Mock.PeopleAsync()).Select(p => p.Oid).Order().FirstOrDefault(oid => oid != Target.PersonOid);
        Expect.Precondition(_other is > 0, "MockEsia has no second test person", "в MockEsia нет второго тестового пользователя");
        _mark = await Mock.LastJournalIdAsync();
        await _h.LoginAsync(await _h.NewBrowserAsync(), grant: true, person: _other);
    }

    [When("that person opens the first person's application page")]
    public async Task OtherOpens() => await OpenOrder();

    [Then("the app used no token of that person for the first person's application")]
    public async Task NoForeignToken()
    {
        var foreign = (await _h.RecordsAsync()).Where(e => e.Id > _mark && e.IsEpgu() && e.PersonOid == _other && (e.OrderId == OrderId || e.ReadsStatus(OrderId))).ToArray();
        var listed = string.Join(", ", foreign.Select(f => $"{f.Endpoint} {f.Status} {f.ErrorCode}"));
        Expect.That(foreign.Length == 0,
            $"the app asked API ЕПГУ about person {Target.PersonOid}'s application {OrderId} with person {_other}'s token ({listed}; order_access)",
            $"ИС обратилась к API ЕПГУ по заявлению {OrderId} пользователя {Target.PersonOid} с маркером пользователя {_other} ({listed}; order_access)");
    }

    private async Task SubmitAsync(IAppBrowser browser)
    {
        var status = await browser.GoAsync(Target.Url(Epgu.SubmitPath));
        if (Epgu.SubmitButton is { Length: > 0 } button)
        {
            status = await browser.SubmitAsync(button);
        }

        _h.Note($"Submit: {Epgu.SubmitPath}{(Epgu.SubmitButton is null ? "" : " → " + Epgu.SubmitButton)} → {status} at {browser.Current?.AbsolutePath}.",
            $"Подача: {Epgu.SubmitPath}{(Epgu.SubmitButton is null ? "" : $" → кнопка «{Epgu.SubmitButton}»")} → {status} на {browser.Current?.AbsolutePath}.");
    }

    private async Task AgencyAnsweredAsync()
    {
        await Mock.Admin.AdvanceClockAsync(AgencyAnswer);
        await WaitPollIntervalAsync();
        _h.Note($"MockEsia's clock moved {AgencyAnswer.TotalSeconds:0} s: the agency has answered (§3.3).", $"Часы MockEsia сдвинуты на {AgencyAnswer.TotalSeconds:0} с: ведомство ответило (§3.3).");
    }

    private void NoteOrder(EpguOrderSummary order)
    {
        _h.Note($"MockEsia's order {order.OrderId}: status {order.StatusId} «{order.StatusName}», processing {order.Code}.",
            $"Заявление {order.OrderId} в MockEsia: статус {order.StatusId} «{order.StatusName}», состояние обработки {order.Code}.");
    }

    // The app says it asks no more often than this: its next look at the order comes after it (a stated wait, not a guess).
    private async Task WaitPollIntervalAsync()
    {
        if (Epgu.PollIntervalSeconds > 0)
        {
            // A little over the interval: timers may fire a millisecond early by the app's clock.
            var wait = TimeSpan.FromSeconds(Epgu.PollIntervalSeconds) + TimeSpan.FromMilliseconds(100);
            await Task.Delay(wait);
            _h.Waited += wait;
        }
    }

    // MockEsia's account of an order: its status, processing state and history.
    private async Task<EpguOrderSummary> OrderAsync(long orderId) => (await Mock.Admin.EpguOrdersAsync()).Single(o => o.OrderId == orderId);

    private async Task<long[]> SubmittedAsync() =>
        (await _h.RecordsAsync()).Where(e => e.Id > _mark && e.Submitted()).Select(e => e.OrderId!.Value).Distinct().ToArray();

    private async Task AddAsync(Fault fault)
    {
        await Mock.AddFaultAsync(fault);
        _h.FaultsAdded++;
    }

    private static Wording WhyNotSubmitted(IReadOnlyList<JournalEntry> records, IAppBrowser browser)
    {
        var epgu = records.Where(e => e.IsEpgu()).ToArray();
        if (epgu.Length == 0)
        {
            return new($"the app never called API ЕПГУ; its page answered {browser.LastStatus} at {browser.Current?.AbsolutePath}",
                $"ИС не обращалась к API ЕПГУ; её страница ответила {browser.LastStatus} на {browser.Current?.AbsolutePath}");
        }

        var refused = epgu.Where(e => !e.Succeeded).ToArray();
        if (refused.Length > 0)
        {
            return new("API ЕПГУ refused: " + string.Join("; ", refused.Select(e => $"{e.Endpoint} {e.Status}{(e.ErrorCode is null ? "" : " " + e.ErrorCode)}: {e.Diagnostic}").Distinct()),
                "API ЕПГУ отказал: " + string.Join("; ", refused.Select(e => $"{e.Endpoint} {e.Status}{(e.ErrorCode is null ? "" : " " + e.ErrorCode)}: {Reports.RussianDiagnoses.Of(e)}").Distinct()));
        }

        var endpoints = string.Join(", ", epgu.Select(e => e.Endpoint));
        return new($"the app's calls ({endpoints}) submitted no order", $"обращения ИС ({endpoints}) не создали заявления");
    }

    private static string Text(string html) => System.Net.WebUtility.HtmlDecode(html);
}
