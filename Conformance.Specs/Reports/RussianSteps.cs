using System.Text.RegularExpressions;

namespace Conformance.Specs.Reports;

/// <summary>The catalogue's steps in Russian, for the approval pack (the review reads Russian); an integrator's own steps stay as written.</summary>
public static class RussianSteps
{
    private static readonly (Regex Pattern, string Russian)[] Table =
    [
        (R("the app under test is registered with MockEsia"), "проверяемая ИС зарегистрирована в MockEsia"),
        (R("the app's clean login works"), "(предусловие) обычный вход в ИС выполняется успешно"),
        (R("the app can call the ESIA REST API"), "(предусловие) у ИС есть страница, обращающаяся к REST API ЕСИА"),
        (R("the app can log out"), "(предусловие) у ИС есть выход"),
        (R("the login succeeded"), "(предусловие) вход выполнен"),
        (R("the login reached ESIA"), "(предусловие) вход дошёл до ЕСИА"),
        (R("MockEsia presents a certificate for another host"), "ЕСИА предъявляет TLS-сертификат другого узла"),
        (R("MockEsia presents a certificate from a CA the app does not trust"), "ЕСИА предъявляет TLS-сертификат от недоверенного удостоверяющего центра"),
        (R("the app did not complete the token exchange"), "ИС не завершила обмен кода на маркеры"),
        (R("both logins reached ESIA"), "(предусловие) оба входа дошли до ЕСИА"),
        (R("the app made a token request"), "(предусловие) ИС запросила маркер"),
        (R("the person signs in through the app"), "пользователь входит через ИС"),
        (R("the person signs in through the app again on another device"), "пользователь входит ещё раз с другого устройства"),
        (R("the person refuses consent"), "пользователь отказывает в доступе"),
        (R("the person opens the page that calls the ESIA REST API"), "пользователь открывает страницу, обращающуюся к REST API ЕСИА"),
        (R("the person opens the REST page, if the app has one"), "пользователь открывает страницу с данными из REST API (если она есть)"),
        (R("the person opens the REST page once the access token has expired"), "пользователь открывает страницу с данными после истечения маркера доступа"),
        (R("the person's refresh tokens are revoked"), "маркеры обновления пользователя отозваны"),
        (R("the person logs out through the app"), "пользователь выходит через ИС"),
        (R("the callback is replayed in a fresh browser"), "обратный вызов повторён в новом браузере"),
        (R("the person is signed in"), "пользователь вошёл в ИС"),
        (R("the person is not signed in"), "пользователь не вошёл в ИС"),
        (R("the app answered without a server error"), "ИС ответила без ошибки сервера (5xx)"),
        (R("the app went through ESIA's logout with client_id and redirect_url"), "ИС направила браузер на выход ЕСИА с client_id и redirect_url"),
        (R("the app's authorization request passed every check"), "запрос авторизации ИС прошёл все проверки ЕСИА"),
        (R("the app's token request passed every check"), "запрос маркера ИС прошёл все проверки ЕСИА"),
        (R("the REST API was called with a Bearer token"), "REST API вызван с маркером доступа (Bearer)"),
        (R("every login used a fresh UUID state"), "каждый вход использовал новый state (UUID)"),
        (R("the app used only the current endpoints"), "ИС использовала только актуальные точки ЕСИА"),
        (R("the token request used a new state"), "запрос маркера использовал новый state"),
        (R("the app made no token request"), "ИС не запрашивала маркер"),
        (R("the app made no REST call"), "ИС не обращалась к REST API"),
        (R("ESIA answers the next authorization with \"(?<a>[^\"]+)\""), "ЕСИА отвечает на следующий запрос авторизации ошибкой ${a}"),
        (R("ESIA sends the app back a foreign state"), "ЕСИА возвращает в ИС чужой state"),
        (R("ESIA sends the app back a missing state"), "ЕСИА возвращает в ИС ответ без state"),
        (R("ESIA answers the next token request with \"(?<a>[^\"]+)\""), "ЕСИА отвечает на следующий запрос маркера ошибкой ${a}"),
        (R("ESIA answers the next token request with an HTML server error"), "ЕСИА отвечает на запрос маркера ошибкой HTTP 500 (HTML)"),
        (R("ESIA's REST API answers 401 once"), "REST API ЕСИА один раз отвечает 401"),
        (R("ESIA issues tokens with the defect (?<a>\\w+) in the (?<b>\\w+) tokens?, naming another person"), "ЕСИА выдаёт маркеры с дефектом «${a}» в {${b}}, указывающие на другого пользователя"),
        (R("ESIA issues tokens with the defect (?<a>\\w+) in the (?<b>\\w+) tokens?"), "ЕСИА выдаёт маркеры с дефектом «${a}» в {${b}}"),
        (R("ESIA rotates its signing certificate"), "ЕСИА сменила сертификат подписи маркеров"),
        (R("the injected fault reached the app"), "(предусловие) внедрённая неисправность дошла до ИС"),
        (R("the app received the forged tokens"), "(предусловие) ИС получила поддельные маркеры"),
        (R("the app received tokens signed with the new key"), "(предусловие) ИС получила маркеры, подписанные новым ключом"),
        (R("the system is registered with a previous certificate beside its own, as during a certificate change"), "ИС зарегистрирована с прежним сертификатом рядом с текущим, как при смене сертификата"),
        (R("the previous certificate is removed from the system's registration"), "прежний сертификат удалён из регистрации ИС"),
        (R("a request signed with the removed certificate is refused with a diagnosis that names it and its removal"), "запрос, подписанный удалённым сертификатом, отклонён, и диагноз называет сертификат и его удаление"),
        (R("the app relied on no forged token"), "ИС не опиралась ни на один поддельный маркер"),
        (R("the app's access tokens live a short time"), "маркеры доступа ИС выдаются на короткий срок"),
        (R("the app read the person through the REST API"), "(предусловие) ИС прочитала данные пользователя через REST API"),
        (R("the app holds a refresh token"), "(предусловие) у ИС есть маркер обновления"),
        (R("the app refreshed at least twice"), "(предусловие) ИС обновила маркер не менее двух раз"),
        (R("the app tried to refresh"), "(предусловие) ИС пыталась обновить маркер"),
        (R("the app refreshes on a 401"), "(предусловие) ИС обновляет маркер после ответа 401"),
        (R("the app refreshed with a valid signed refresh_token grant"), "ИС обновила маркер подписанным запросом refresh_token"),
        (R("the REST API was called with the refreshed access token"), "REST API вызван с обновлённым маркером доступа"),
        (R("every refresh used the newest refresh token"), "каждое обновление использовало новейший маркер обновления"),
        (R("the app refreshed exactly once and retried the REST call"), "ИС обновила маркер ровно один раз и повторила вызов REST"),
        (R("the app submits applications through API ЕПГУ"), "(предусловие) ИС подаёт заявления через API ЕПГУ"),
        (R("the app's clean submission works"), "(предусловие) обычная подача заявления доходит до финального статуса"),
        (R("the person submits an application through the app"), "пользователь подаёт заявление через ИС"),
        (R("the app submitted an application"), "(предусловие) ИС подала заявление"),
        (R("the app submitted exactly one application"), "ИС подала ровно одно заявление"),
        (R("the app submitted no application"), "ИС не подала заявление"),
        (R("the app submitted at most one application"), "ИС подала не более одного заявления (без дубликата)"),
        (R("the agency has answered the application"), "ведомство ответило на заявление (часы MockEsia сдвинуты)"),
        (R("the application reaches a status that allows cancelling"), "заявление перешло в статус, допускающий отмену"),
        (R("the person opens the application's page"), "пользователь открывает страницу заявления"),
        (R("the person opens the application's page (?<a>\\d+) times in a row"), "пользователь открывает страницу заявления ${a} раза подряд"),
        (R("the person opens the application's page twice more after the poll interval"), "пользователь ещё дважды открывает страницу заявления после интервала опроса"),
        (R("the page shows the application's current status"), "страница показывает текущий статус заявления"),
        (R("the page shows the application's refusal"), "страница сообщает об отказе в приёме заявления"),
        (R("the page does not show the application's status"), "страница не показывает статус чужого заявления"),
        (R("API ЕПГУ answers the next upload with 401"), "API ЕПГУ отвечает на следующую загрузку архива кодом 401"),
        (R("API ЕПГУ answers every call with 429, then limitation_exception"), "API ЕПГУ отвечает на все запросы 429, затем limitation_exception"),
        (R("API ЕПГУ answers the next four calls with 502, 503, 504 and internal_error"), "API ЕПГУ отвечает на четыре следующих запроса 502, 503, 504 и internal_error"),
        (R("the service refuses every archive with (?<a>\\w+)"), "услуга отклоняет любой архив с состоянием ${a}"),
        (R("the application was refused with (?<a>\\w+)"), "(предусловие) заявление отклонено с состоянием ${a}"),
        (R("the person withdraws the consent to API ЕПГУ"), "пользователь отзывает согласие на доступ к API ЕПГУ"),
        (R("the app tried to submit"), "(предусловие) ИС пыталась подать заявление"),
        (R("the app made at most (?<a>\\d+) calls to API ЕПГУ"), "ИС обратилась к API ЕПГУ не более ${a} раз"),
        (R("the app renewed its token once after the 401"), "после ответа 401 ИС один раз получила новый маркер"),
        (R("the app backed off after every refusal"), "после каждого отказа ИС выдерживала паузу и ограничивала повторы"),
        (R("the app never asked about the application more often than its poll interval"), "ИС запрашивала статус не чаще заявленного интервала"),
        (R("the app did not ask about the application again"), "ИС больше не запрашивала статус заявления"),
        (R("the service allows cancelling"), "(предусловие) услуга допускает отмену"),
        (R("the app offers cancelling"), "(предусловие) ИС предлагает отмену заявления"),
        (R("the person asks the app to cancel the application"), "пользователь просит ИС отменить заявление"),
        (R("the app did not ask API ЕПГУ to cancel"), "ИС не запрашивала отмену в API ЕПГУ"),
        (R("the app cancelled the application"), "ИС отменила заявление"),
        (R("another person signs in through the app on another device"), "другой пользователь входит в ИС с другого устройства"),
        (R("that person opens the first person's application page"), "он открывает страницу заявления первого пользователя"),
        (R("the app used no token of that person for the first person's application"), "ИС не использовала его маркер для чужого заявления"),
    ];

    private static readonly Regex Line = new("^(?<keyword>Given|When|Then|And|But) (?<text>.+) — (?<status>.+)$", RegexOptions.CultureInvariant);

    /// <summary>Translates one reported step line (<c>Keyword text — status</c>), or null when it is not one of the catalogue's steps.</summary>
    public static string? TryTranslate(string step)
    {
        var line = Line.Match(step);
        if (!line.Success)
        {
            return null;
        }

        var text = line.Groups["text"].Value;
        foreach (var (pattern, russian) in Table)
        {
            if (pattern.Match(text) is { Success: true } match)
            {
                var status = line.Groups["status"].Value switch
                {
                    "ok" => "выполнено",
                    "failed" => "не пройдено",
                    "inconclusive" => "не соблюдено (результат не определён)",
                    "skipped" => "не выполнялось",
                    { } other => other,
                };
                return $"{InWords(match.Result(russian))} — {status}";
            }
        }

        return null;
    }

    private static Regex R(string pattern) => new("^" + pattern + "$", RegexOptions.CultureInvariant);

    // The readings the catalogue reruns scenarios under (docs/readings.md), in words.
    private static readonly Dictionary<string, string> Readings = new(StringComparer.Ordinal)
    {
        ["OldRefreshToken=Revoked"] = "прежний маркер обновления после обновления отозван",
        ["OldRefreshToken=ValidUntilExpiry"] = "прежний маркер обновления действует до истечения своего срока",
        ["EpguMessageIdKey=MessageId"] = "API ЕПГУ называет поле идентификатора сообщения messageId",
        ["EpguMessageIdKey=Snake"] = "API ЕПГУ называет поле идентификатора сообщения message_id",
        ["EpguChunkMeta=Optional"] = "метаданные части архива необязательны",
        ["EpguChunkMeta=EveryChunk"] = "метаданные передаются с каждой частью архива",
    };

    /// <summary>
    /// A scenario's title for the pack: run again under another reading of an unknown behaviour, it says so in Russian,
    /// with what the reading means (the runner's English suffix "(reading X=Y)" is replaced).
    /// </summary>
    public static string Title(string title, string? reading)
    {
        if (reading is null)
        {
            return title;
        }

        var suffix = $" (reading {reading})";
        var bare = title.EndsWith(suffix, StringComparison.Ordinal) ? title[..^suffix.Length] : title;
        var meaning = string.Join("; ", reading.Split(", ").Select(r => Readings.TryGetValue(r, out var words) ? $"{words} ({r})" : r));
        return $"{bare} (при прочтении: {meaning}; docs/readings.md)";
    }

    // MockEsia's token defects and the tokens they spoil, in words (the defect's name follows for the developer).
    private static readonly Dictionary<string, string> Defects = new(StringComparer.Ordinal)
    {
        ["BadSignature"] = "неверная подпись",
        ["UnknownKey"] = "подпись ключом, которого нет в esia.zip",
        ["WrongIssuer"] = "чужой издатель (iss)",
        ["WrongAudience"] = "маркер выдан другой системе (aud, client_id)",
        ["Expired"] = "срок действия истёк",
        ["NotYetValid"] = "срок действия ещё не наступил",
        ["WrongSubject"] = "маркер о другом пользователе (sub)",
        ["AlgSwapped"] = "в заголовке указан другой алгоритм подписи",
        ["AlgNone"] = "маркер без подписи (alg none)",
    };

    /// <summary>A token defect in words with its name for the developer: «неверная подпись» (BadSignature).</summary>
    public static string Defect(string kind) => Defects.TryGetValue(kind, out var words) ? $"«{words}» ({kind})" : kind;

    private static readonly Dictionary<string, string> Tokens = new(StringComparer.Ordinal)
    {
        ["{both}"] = "обоих маркерах (доступа и id_token)",
        ["{access}"] = "маркере доступа",
        ["{id}"] = "id_token",
    };

    private static readonly Regex Named = new("«(?<name>[A-Za-z]+)»|\\{(?<token>both|access|id)\\}", RegexOptions.CultureInvariant);

    private static string InWords(string text) => Named.Replace(text, m => m.Groups["name"].Success
        ? Defects.ContainsKey(m.Groups["name"].Value) ? Defect(m.Groups["name"].Value) : m.Value
        : Tokens[m.Value]);
}
