namespace ReferenceApp;

/// <summary>The sample app's API ЕПГУ settings (configuration section <c>Epgu</c>): which service it applies for and how patiently.</summary>
public sealed class EpguSettings
{
    /// <summary>Whether the app offers API ЕПГУ (its login then asks for the APIPGU consent).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>API ЕПГУ's base URL; empty: the ESIA environment's (a MockEsia serves both).</summary>
    public string? Url { get; set; }

    /// <summary>The service's form code (a bundled MockEsia service: «Выдача справки о размере пенсии», which may be cancelled).</summary>
    public string ServiceCode { get; set; } = "10000000113";

    /// <summary>The service's ФРГУ target.</summary>
    public string TargetCode { get; set; } = "-10000000113";

    /// <summary>The applicant's OKATO.</summary>
    public string Region { get; set; } = "45000000000";

    /// <summary>Who receives the data, as the consent names it.</summary>
    public string ResponsibleObject { get; set; } = "ООО «Эталонный оператор»";

    /// <summary>The least time between two status requests for one order (the order page shows the last answer until then).</summary>
    public double PollIntervalSeconds { get; set; } = 1;

    /// <summary>The first wait before retrying after an outage, in milliseconds.</summary>
    public int RetryDelayMs { get; set; } = 250;

    /// <summary>The first wait before retrying after a limit, in milliseconds.</summary>
    public int LimitDelayMs { get; set; } = 500;
}
