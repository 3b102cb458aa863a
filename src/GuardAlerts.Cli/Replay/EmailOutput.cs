using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using Spectre.Console;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// `--format email`: for every alert, exactly what each subscriber receives (the subject, the SMS text, the full
/// e-mail body and the chat notification), each under its own rule line; every other event as its text line.
/// </summary>
internal sealed class EmailOutput(TextWriter stdout, IAnsiConsole console) : IReplayOutput
{
    private readonly TextOutput _text = new(stdout, console);

    /// <summary>The line that opens each alert and each of its parts.</summary>
    public const string Rule = "================================================================================";

    public void Decided(InputItem item, Decision d)
    {
        if (d.Alert is not { } alert)
        {
            _text.Decided(item, d);
            return;
        }

        stdout.WriteLine(Rule);
        stdout.WriteLine(TextOutput.Format(d));
        stdout.WriteLine(Rule);
        Part("Subject (e-mail)", alert.Subject);
        Part($"SMS (phones, when the severity is at or above the stack's smsMinSeverity; {alert.Sms.Length} of 140 characters)", alert.Sms);
        Part("E-mail body", alert.EmailBody.TrimEnd());
        Part("Chat (AWS Chatbot custom notification, the message's https entry)", alert.ChatJson ?? "(none)");
        stdout.WriteLine();
    }

    public void Unreadable(InputItem item) => _text.Unreadable(item);

    public void Finish(ReplaySummary summary) => _text.Finish(summary);

    public IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline) => _text.CreateRenderer(pipeline);

    public void WriteRendered(ReadOnlySpan<byte> utf8) => _text.WriteRendered(utf8);

    private void Part(string title, string text)
    {
        stdout.Write("--- ");
        stdout.WriteLine(title);
        stdout.WriteLine(text);
    }
}
