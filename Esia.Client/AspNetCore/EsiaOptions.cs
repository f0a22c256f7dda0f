using Microsoft.AspNetCore.Authentication;

namespace Esia.Client.AspNetCore;

/// <summary>Options of the ESIA authentication handler: the protocol options plus ASP.NET Core's remote-authentication settings.</summary>
public sealed class EsiaOptions : RemoteAuthenticationOptions
{
    /// <summary>Creates the options with ESIA's callback path.</summary>
    public EsiaOptions()
    {
        CallbackPath = EsiaDefaults.CallbackPath;
        SaveTokens = true;
        Events = new EsiaEvents();
    }

    /// <summary>The protocol settings (environment, mnemonic, signer, scopes, trusted certificates …).</summary>
    public EsiaClientOptions Client { get; set; } = new();

    /// <summary>The events.</summary>
    public new EsiaEvents Events
    {
        get => (EsiaEvents)base.Events;
        set => base.Events = value;
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Client.Validate();
    }
}
