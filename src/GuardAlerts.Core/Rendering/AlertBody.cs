namespace GuardAlerts.Core.Rendering;

/// <summary>
/// The email body, default body and SNS message JSON of one alert, rendered on first read. Thread-safe without a
/// lock: two threads reading at once may both render, the first to finish wins and both see its (identical) texts.
/// </summary>
internal sealed class AlertBody(AlertContext context, bool sample, string subject, string sms)
{
    private Texts? _texts;

    public Texts Value => Volatile.Read(ref _texts) ?? Render();

    private Texts Render()
    {
        var texts = AlertRenderer.RenderBody(context, sample, subject, sms);
        return Interlocked.CompareExchange(ref _texts, texts, null) ?? texts;
    }

    /// <summary>The rendered texts.</summary>
    internal sealed record Texts(string Email, string Default, string Chat, string MessageJson);
}
