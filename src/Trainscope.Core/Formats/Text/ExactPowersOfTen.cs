namespace Trainscope.Formats.Text;

/// <summary>
/// 10^0 … 10^22, every one an exact double. A mantissa below 2^53 multiplied or divided by one of them is a single
/// correctly rounded operation, so the number readers get the double `double.Parse` gives (Clinger's fast path).
/// </summary>
internal static class ExactPowersOfTen
{
    public const int Largest = 22;

    public static ReadOnlySpan<double> Values =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
}
