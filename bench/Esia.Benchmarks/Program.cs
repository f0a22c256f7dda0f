using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Esia.Benchmarks.CryptoBenchmarks).Assembly).Run(args);
