using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rendering;

/// <summary>JsonText must write exactly what Utf8JsonWriter writes with the same encoder (the SNS body and snippet bytes depend on it).</summary>
public class JsonTextTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "plain ascii, nothing to escape",
        "line\r\nbreak\ttab \"quoted\" back\\slash \u0000\u0007\u001b[2J\u007f",
        "<html> & 'apostrophe' +plus `tick`",
        "café Jörg 中文 \u00a0nbsp \u0085 \u2028\u2029",
        "emoji 🚨🔑 👩‍💻 zwj",
        "bidi \u202Egpj.exe \u2066\u200F\u061C \uFEFF\u200B",
        "lone \uD800 high, lone \uDC00 low, reversed \uDC00\uD800, at the end \uD83D",
        "private use \uE000, noncharacter \uFFFF \uFFFE, replacement \uFFFD, unassigned \u0378",
        new string('x', 3000) + "\n" + new string('é', 700) + "\"",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void AppendQuoted_WhenRelaxed_ShouldMatchUtf8JsonWriter(string text) =>
        Assert.Equal(Reference(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), JsonText.Relaxed.AppendQuoted(new StringBuilder(), text).ToString());

    [Theory]
    [MemberData(nameof(Texts))]
    public void AppendQuoted_WhenDefault_ShouldMatchUtf8JsonWriter(string text) =>
        Assert.Equal(Reference(text, JavaScriptEncoder.Default), JsonText.Default.AppendQuoted(new StringBuilder(), text).ToString());

    [Fact]
    public void AppendQuoted_WhenEveryUtf16CodeUnitBetweenAsciiLetters_ShouldMatchUtf8JsonWriter()
    {
        var failures = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = "a" + (char)c + "b";
            foreach (var (json, encoder) in new[] { (JsonText.Relaxed, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), (JsonText.Default, JavaScriptEncoder.Default) })
            {
                if (json.AppendQuoted(new StringBuilder(), text).ToString() != Reference(text, encoder))
                {
                    failures.Add($"U+{c:X4}");
                }
            }
        }

        Assert.Empty(failures);
    }

    private static string Reference(string text, JavaScriptEncoder encoder) =>
        WriterOutput.Of(new JsonWriterOptions { Encoder = encoder }, writer => writer.WriteStringValue(text));
}
