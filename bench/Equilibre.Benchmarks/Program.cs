using Equilibre.Benchmarks;

return await BenchProgram.RunAsync(args);
