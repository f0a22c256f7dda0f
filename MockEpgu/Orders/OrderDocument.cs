using System.Text;
using System.Text.Json.Nodes;
using MockEpgu.Errors;

namespace MockEpgu.Orders;

/// <summary>
/// The details response of <c>POST /api/gusmev/order/{orderId}</c> (epgu-api.md §2.5): <c>code</c>, <c>message</c>, the
/// message id, and <c>order</c> — the order as escaped JSON text, with the real key set and types (numbers as numbers,
/// <c>hasResult</c> a boolean on the order and the string <c>"N"</c>/<c>"Y"</c> on each status, dates with <c>+0300</c>).
/// </summary>
public static class OrderDocument
{
    /// <summary>The response's body.</summary>
    public static JsonObject Details(Order order, EpguReadings readings) => new()
    {
        ["code"] = order.Code,
        ["message"] = order.Message,
        [readings.MessageIdKey == MessageIdKeyReading.Snake ? "message_id" : "messageId"] = order.SmevMessageId.ToString(),
        ["order"] = Inner(order).ToJsonString(EpguResults.Wire),
    };

    /// <summary>The decoded <c>order</c> object.</summary>
    public static JsonObject Inner(Order order)
    {
        var current = order.Current;
        var service = order.Service;
        var hasResult = order.Files.Any(f => f.ObjectType == 3);
        return new JsonObject
        {
            ["id"] = order.Id,
            ["orderStatusId"] = current.Status.Id,
            ["orderStatusName"] = current.Status.Title,
            ["statusColorCode"] = current.Status.ColorCode,
            ["statuses"] = new JsonArray(order.Steps.Select(s => (JsonNode)Status(order, s)).ToArray()),
            ["currentStatusHistory"] = Status(order, current),
            ["currentStatusHistoryId"] = current.Id,
            ["updated"] = EpguTime.OrderDate(current.Date),
            ["orderDate"] = EpguTime.OrderDate(order.Created),
            ["requestDate"] = EpguTime.OrderDate(order.Submitted ?? order.Created),
            ["closed"] = order.Closed,
            ["hasResult"] = hasResult,
            ["orderAttachmentFiles"] = Files(order, 2),
            ["orderResponseFiles"] = Files(order, 3),
            ["eserviceId"] = service.Code,
            ["serviceTargetId"] = order.TargetCode,
            ["servicePassportId"] = service.PassportId,
            ["serviceName"] = service.Name,
            ["userId"] = order.UserOid ?? order.OwnerOid,
            ["ownerId"] = order.OwnerOid,
            ["personType"] = order.ApplicantType,
            ["creationMode"] = "api",
            ["sourceSystem"] = order.ClientId,
            ["orderType"] = "ORDER",
            ["smevTx"] = order.SmevTx.ToString(),
            ["smevMessageId"] = order.Submitted is null ? null : "WAIT_RESPONSE",
            ["stateOrgId"] = StableNumber(service.StateOrgCode),
            ["stateOrgCode"] = service.StateOrgCode,
            ["stateStructureId"] = StableNumber(service.StateOrgName).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["stateStructureName"] = service.StateOrgName,
            ["admLevelCode"] = "FEDERAL",
            ["edsStatus"] = service.Signed ? "EDS_SUPPORTED" : "EDS_NOT_SUPPORTED",
            ["userSelectedRegion"] = "00000000000",
            ["location"] = order.Region,
            ["noPaidPaymentCount"] = -1,
            ["qrlink"] = new JsonObject { ["hasQrCode"] = false, ["canPrintMFC"] = false },
            ["possibleServices"] = new JsonObject(),
            ["elk"] = false,
            ["steps"] = new JsonArray(),
        };
    }

    /// <summary>The id of a file in the details (§2.4): <c>{orderId}/files/{base64url of the name, no padding}</c>.</summary>
    public static string FileId(long orderId, string name) =>
        $"{orderId}/files/{Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    private static JsonObject Status(Order order, StatusStep step) => new()
    {
        ["id"] = step.Id,
        ["statusId"] = step.Status.Id,
        ["title"] = step.Status.Title,
        ["date"] = EpguTime.OrderDate(step.Date),
        ["orderId"] = order.Id,
        ["finalStatus"] = step.Status.Final,
        ["cancelAllowed"] = step.CancelAllowed,
        ["hasResult"] = step.Status == PortalStatus.Done ? "Y" : "N",
        ["sender"] = step.Status.Id is 2 or 3 or 4 ? order.Service.StateOrgName : "ЕПГУ",
        ["comment"] = step.Status.Comment,
        ["stateOrgStatusCode"] = null,
        ["stateOrgStatusDescr"] = null,
        ["unreadEvent"] = false,
        ["deliveryCancelAllowed"] = false,
        ["sendMessageAllowed"] = false,
        ["editAllowed"] = false,
        ["mfcFinalStatus"] = false,
    };

    private static JsonArray Files(Order order, int objectType) => new(order.Files.Where(f => f.ObjectType == objectType).Select(f => (JsonNode)new JsonObject
    {
        ["id"] = FileId(order.Id, f.Name),
        ["fileName"] = f.Name,
        ["link"] = $"terrabyte://00/{order.Id}/{f.Name}/{objectType}",
        ["type"] = f.Kind,
        ["mimeType"] = MimeType(f.Name),
        ["fileSize"] = f.Size,
        ["hasDigitalSignature"] = order.Files.Any(s => s.Name == f.Name + ".sig"),
    }).ToArray());

    /// <summary>The MIME type of a file name.</summary>
    public static string MimeType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".xml" => "application/xml",
        ".pdf" => "application/pdf",
        ".sig" => "application/pkcs7-signature",
        ".zip" => "application/zip",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };

    // A number that is the same for the same text on every run (JSON numbers for ids the fixtures give as names).
    private static long StableNumber(string text) => 10_000_000_000 + (long)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) % 90_000_000);
}
