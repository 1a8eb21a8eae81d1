using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ApigGen.Benchmarks.CallBenchmarks).Assembly).Run(args);
