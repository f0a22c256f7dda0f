using Esia.LoadDriver;

// Usage: Esia.LoadDriver --server PATH/MockEsia.dll --fixtures PATH/fixtures
//          [--mode benchmark|soak|epgu] [--seconds 20] [--rounds 3] [--concurrency 16] [--rate 20] [--port 18600] [--server-env K=V;K=V]
var options = new DriverOptions(args);
return options.Epgu ? await EpguUpload.RunAsync(options) : options.Soak ? await Soak.RunAsync(options) : await Throughput.RunAsync(options);
