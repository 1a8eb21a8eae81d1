using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace ApigGen.Benchmarks;

/// <summary>What this process allocates, by type: the runtime's allocation tick (one event per ~100 KB), listened to in process.</summary>
internal sealed class AllocationListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Dictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var type = (string?)e.Payload[e.PayloadNames.IndexOf("TypeName")] ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        lock (_bytes)
        {
            _bytes[type] = _bytes.TryGetValue(type, out var bytes) ? bytes + amount : amount;
        }
    }

    /// <summary>The 25 types allocated most, in KB per run (or bytes per run, for runs as small as one call); call after the runs (events arrive on another thread, so it waits a little).</summary>
    public void Print(int runs, bool inBytes = false)
    {
        System.Threading.Thread.Sleep(500);
        lock (_bytes)
        {
            foreach (var pair in _bytes.OrderByDescending(p => p.Value).Take(25))
            {
                Console.WriteLine(inBytes ? $"{pair.Value / runs,8} B   {pair.Key}" : $"{pair.Value / runs / 1024,8} KB  {pair.Key}");
            }
        }
    }
}
