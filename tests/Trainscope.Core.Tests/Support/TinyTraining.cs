using System.Globalization;
using System.Text;

namespace Trainscope.Tests.Support;

/// <summary>
/// A real (tiny) training run: linear regression by minibatch SGD on synthetic data, printing `step=… epoch=… loss=…`
/// lines as a training script would. With a sane learning rate it converges; with one above 2/λmax it diverges.
/// </summary>
public static class TinyTraining
{
    private const int Features = 4;
    private const int Samples = 512;
    private const int Batch = 32;

    public static string Run(double peakLr, int epochs = 20, int seed = 42)
    {
        var random = new Random(seed);
        var trueWeights = new[] { 1.5, -2.0, 0.7, 3.0 };
        var x = new double[Samples][];
        var y = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            x[i] = new double[Features];
            for (var j = 0; j < Features; j++)
            {
                x[i][j] = TrainingCurves.Gaussian(random);
                y[i] += trueWeights[j] * x[i][j];
            }

            y[i] += 0.3 * TrainingCurves.Gaussian(random);
        }

        var w = new double[Features];
        var text = new StringBuilder();
        var steps = epochs * (Samples / Batch);
        var step = 0;
        var order = Enumerable.Range(0, Samples).ToArray();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            for (var b = 0; b < Samples / Batch; b++, step++)
            {
                var lr = TrainingCurves.CosineLr(step, steps, peakLr);
                var gradient = new double[Features];
                double loss = 0;
                for (var k = 0; k < Batch; k++)
                {
                    var i = order[(b * Batch) + k];
                    var error = Dot(w, x[i]) - y[i];
                    loss += error * error / Batch;
                    for (var j = 0; j < Features; j++)
                    {
                        gradient[j] += 2 * error * x[i][j] / Batch;
                    }
                }

                var norm = Math.Sqrt(Dot(gradient, gradient));
                for (var j = 0; j < Features; j++)
                {
                    w[j] -= lr * gradient[j];
                }

                text.Append(CultureInfo.InvariantCulture, $"step={step} epoch={epoch} loss={loss:G6} lr={lr:G6} grad_norm={norm:G6}\n");
            }
        }

        return text.ToString();
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
