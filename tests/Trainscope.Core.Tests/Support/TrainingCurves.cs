namespace Trainscope.Tests.Support;

/// <summary>Generated training curves with a fixed seed: what healthy noisy runs look like, and broken ones.</summary>
public static class TrainingCurves
{
    /// <summary>Normal noise by Box–Muller.</summary>
    public static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A decaying loss with multiplicative batch noise (as losses of individual batches scatter).</summary>
    public static double DecayingLoss(long step, long steps, Random random, double noise = 0.15)
        => (0.4 + (2.6 * Math.Exp(-4.0 * step / steps))) * Math.Exp(noise * Gaussian(random));

    /// <summary>Linear warm-up over the first 5%, then cosine decay to zero.</summary>
    public static double CosineLr(long step, long steps, double peak = 3e-4)
    {
        var warmup = steps / 20;
        return step < warmup ? peak * (step + 1) / warmup : peak * 0.5 * (1 + Math.Cos(Math.PI * (step - warmup) / (steps - warmup)));
    }

    /// <summary>A healthy batch-level run: loss, lr, grad norm, time and data time every step; eval loss every 10% of the run.</summary>
    public static RunBuilder HealthyRun(int seed, long steps = 2000, int stepsPerEpoch = 200)
    {
        var random = new Random(seed);
        var run = new RunBuilder();
        for (long step = 0; step < steps; step++)
        {
            var epoch = (int)(step / stepsPerEpoch);
            run.Line(step, epoch,
                ("loss", DecayingLoss(step, steps, random)),
                ("lr", CosineLr(step, steps)),
                ("grad_norm", Math.Exp(0.3 * Gaussian(random)) * (step < 50 ? 5 : 1.2)),
                ("time", 0.31 * Math.Exp(0.1 * Gaussian(random))),
                ("data", 0.02 * Math.Exp(0.5 * Gaussian(random))),
                ("max mem", 30_000 + (step < 10 ? step * 100 : 1_000)));
            if ((step + 1) % stepsPerEpoch == 0)
            {
                var eval = (0.45 + (2.6 * Math.Exp(-4.0 * step / steps))) * (1 + (0.01 * Gaussian(random)));
                run.Metric("loss", eval, step, epoch, Trainscope.Records.Phase.Eval);
            }
        }

        return run;
    }
}
