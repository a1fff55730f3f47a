namespace Trainscope.Formats.JsonLines;

/// <summary>
/// 5^q for every q a double's decimal exponent can need, as a 128-bit mantissa with its top bit set and a binary
/// exponent: 5^q ≥ (High·2^64 + Low) × 2^Exponent, the mantissa being 5^q's first 128 bits rounded down — exact up to
/// <see cref="LargestExact"/>, and strictly below 5^q for every other q (an odd number of more than 128 bits, or, for
/// q &lt; 0, no dyadic fraction at all).
/// </summary>
internal static class PowersOfFive
{
    /// <summary>Below this a 19-digit mantissa times 10^q is under the smallest subnormal, 4.9e-324.</summary>
    public const int Smallest = -342;

    /// <summary>Above this any nonzero mantissa times 10^q overflows.</summary>
    public const int Largest = 308;

    /// <summary>5^55 &lt; 2^128 &lt; 5^56.</summary>
    public const int LargestExact = 55;

    // Wide enough that 2^K / 5^342 (about 2^229 with K = 1023) keeps more than 128 bits, and 5^308 (715 bits) fits.
    private const int Limbs = 32;

    private static readonly Power[] Table = Build();

    public static ref readonly Power Of(int q) => ref Table[q - Smallest];

    private static Power[] Build()
    {
        var table = new Power[Largest - Smallest + 1];

        var power = new uint[Limbs];
        power[0] = 1;
        for (var q = 0; q <= Largest; q++)
        {
            table[q - Smallest] = Leading128(power, 0);
            MultiplyBy5(power);
        }

        // floor(floor(x / 5) / 5) = floor(x / 25): dividing 2^K by 5 again and again, rounding down each time, gives
        // floor(2^K / 5^n) exactly, and its first 128 bits are floor(2^j / 5^n) for the j that puts the top bit at 127.
        var inverse = new uint[Limbs];
        inverse[Limbs - 1] = 1u << 31;
        const int K = (Limbs * 32) - 1;
        for (var n = 1; n <= -Smallest; n++)
        {
            DivideBy5(inverse);
            table[-n - Smallest] = Leading128(inverse, -K);
        }

        return table;
    }

    /// <summary>The number's first 128 bits (zeros appended when it is shorter), as a multiple of 2^exponent.</summary>
    private static Power Leading128(uint[] number, int exponent)
    {
        var length = BitLength(number);
        UInt128 mantissa = 0;
        for (var bit = length - 1; bit >= length - 128; bit--)
        {
            var set = bit >= 0 && ((number[bit >> 5] >> (bit & 31)) & 1) != 0;
            mantissa = (mantissa << 1) | (set ? UInt128.One : UInt128.Zero);
        }

        return new Power((ulong)(mantissa >> 64), (ulong)mantissa, length - 128 + exponent);
    }

    private static int BitLength(uint[] number)
    {
        for (var limb = number.Length - 1; limb >= 0; limb--)
        {
            if (number[limb] != 0)
            {
                return (limb * 32) + 32 - int.CreateChecked(uint.LeadingZeroCount(number[limb]));
            }
        }

        return 0;
    }

    private static void MultiplyBy5(uint[] number)
    {
        ulong carry = 0;
        for (var limb = 0; limb < number.Length; limb++)
        {
            var product = ((ulong)number[limb] * 5) + carry;
            number[limb] = (uint)product;
            carry = product >> 32;
        }
    }

    private static void DivideBy5(uint[] number)
    {
        ulong remainder = 0;
        for (var limb = number.Length - 1; limb >= 0; limb--)
        {
            var part = (remainder << 32) | number[limb];
            number[limb] = (uint)(part / 5);
            remainder = part % 5;
        }
    }

    /// <summary>(High·2^64 + Low) × 2^Exponent, High's top bit set.</summary>
    internal readonly record struct Power(ulong High, ulong Low, int Exponent);
}
