using System.Text;
using Xunit;

namespace ApigGen.Runtime.Tests;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("abcXYZ019-_.~", "abcXYZ019-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("../../x?y#z", "..%2F..%2Fx%3Fy%23z")]
    [InlineData("&=%/", "%26%3D%25%2F")]
    [InlineData("中文", "%E4%B8%AD%E6%96%87")]
    [InlineData("\U0001F600", "%F0%9F%98%80")]
    [InlineData("", "")]
    [InlineData("x\uD83D\uDE00y z", "x%F0%9F%98%80y%20z")]
    [InlineData("é~ü", "%C3%A9~%C3%BC")]
    public void EncodesEverythingButUnreservedWithUpperCaseHex(string value, string expected)
    {
        var builder = new StringBuilder();
        PercentEncoding.Append(builder, value);
        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void ALoneSurrogateIsSentAsTheReplacementCharacter()
    {
        // As Encoding.UTF8 writes it; the pair after it still encodes as one scalar value.
        var builder = new StringBuilder();
        PercentEncoding.Append(builder, "a\uD800b\uDC00\uD83D\uDE00\uDBFF");
        Assert.Equal("a%EF%BF%BDb%EF%BF%BD%F0%9F%98%80%EF%BF%BD", builder.ToString());
    }

    [Fact]
    public void LongValuesAreEncodedWhole()
    {
        var builder = new StringBuilder("prefix/");
        PercentEncoding.Append(builder, "id-" + new string('中', 1000) + " end");
        Assert.Equal("prefix/id-" + string.Concat(System.Linq.Enumerable.Repeat("%E4%B8%AD", 1000)) + "%20end", builder.ToString());
    }

    [Fact]
    public void EveryCharacterEncodesAsItsUtf8BytesUnlessUnreserved()
    {
        // Every UTF-16 code unit alone (lone surrogates included) against Encoding.UTF8's bytes, written out by hand.
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var value = ((char)c).ToString();
            var expected = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var unreserved = b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
                expected.Append(unreserved ? ((char)b).ToString() : "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            var builder = new StringBuilder();
            PercentEncoding.Append(builder, value);
            Assert.Equal(expected.ToString(), builder.ToString());
        }
    }
}
