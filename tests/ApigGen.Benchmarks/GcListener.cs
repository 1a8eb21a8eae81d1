using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;

namespace ApigGen.Benchmarks;

/// <summary>Every garbage collection of this process (generation, pause, bytes promoted), from the runtime's GC events, listened to in process.</summary>
internal sealed class GcListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly List<string> _lines = new();
    private DateTime _suspended;
    private string _current = string.Empty;

    /// <summary>
    /// Writes a heading before the collections that follow. Approximate: the runtime's events reach the listener on
    /// another thread, a little late, so a collection at the very end of one run may be listed under the next heading.
    /// </summary>
    public void Mark(string heading)
    {
        lock (_lines)
        {
            _lines.Add("-- " + heading);
        }
    }

    /// <summary>Prints what was recorded; call after the runs (events arrive on another thread, so it waits a little).</summary>
    public void Print()
    {
        System.Threading.Thread.Sleep(500);
        lock (_lines)
        {
            _lines.ForEach(Console.WriteLine);
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var payload = e.Payload;
        if (payload is null)
        {
            return;
        }

        switch (e.EventName)
        {
            case "GCStart_V2":
                _current = $"gen{payload[1]}";
                break;
            case "GCSuspendEEBegin_V1":
                _suspended = e.TimeStamp;
                break;
            case "GCHeapStats_V2":
                // Payload: size and promoted bytes of gen0, gen1, gen2 in turn.
                _current += $", promoted from gen0 {Kb(payload[1])} KB, from gen1 {Kb(payload[3])} KB; gen1 now {Kb(payload[2])} KB, gen2 {Kb(payload[4])} KB";
                break;
            case "GCRestartEEEnd_V1":
                lock (_lines)
                {
                    _lines.Add($"{(e.TimeStamp - _suspended).TotalMilliseconds,6:F2} ms paused: {_current}");
                }

                break;
        }
    }

    private static ulong Kb(object? bytes) => Convert.ToUInt64(bytes, System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
