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
    public void EncodesEverythingButUnreservedWithUpperCaseHex(string value, string expected)
    {
        var builder = new StringBuilder();
        PercentEncoding.Append(builder, value);
        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void LongValuesUseAPooledBuffer()
    {
        var builder = new StringBuilder();
        PercentEncoding.Append(builder, new string('中', 1000));
        Assert.Equal(9000, builder.Length);
    }
}
