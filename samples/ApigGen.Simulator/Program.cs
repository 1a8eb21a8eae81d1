using System;
using System.Globalization;
using System.Threading;
using ApigGen.Simulator;

// Runs the simulator on its own: dotnet run --project samples/ApigGen.Simulator [-- port]
var port = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
await using var simulator = await ApigSimulator.StartAsync(port);
Console.WriteLine($"APIG simulator listening on {simulator.Endpoint}");
Console.WriteLine($"  project id:  {simulator.State.ProjectId}");
Console.WriteLine($"  token:       {SimulatorState.DefaultToken}");
Console.WriteLine($"  access key:  {SimulatorState.DefaultAccessKey} (secret key {SimulatorState.DefaultSecretKey})");
Console.WriteLine($"  certificate: {SimulatorState.DefaultCertificateId}; domain {SimulatorState.DefaultDomain} on instances {string.Join(", ", SimulatorState.DefaultInstanceIds)}");
Console.WriteLine($"  catalogue:   {simulator.Catalogue.Operations.Count} operations served from their specs (certificates with state)");
Console.WriteLine("Press Ctrl+C to stop.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await System.Threading.Tasks.Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
