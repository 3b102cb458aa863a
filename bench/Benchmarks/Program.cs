using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(GuardAlerts.Benchmarks.PerEventBenchmarks).Assembly).Run(args);
