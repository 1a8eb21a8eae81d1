using ApigGen.Generator.Emit;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>Names of locals in generated code: camelCase, never a keyword, never the member itself or a local the code declares.</summary>
public sealed class CSharpTests
{
    [Theory]
    [InlineData("Domains", "", "domains")]
    [InlineData("InstanceIds", "", "instanceIds")]
    [InlineData("Class", "", "classValue")]
    [InlineData("Event", "", "eventValue")]
    [InlineData("Body", "", "bodyValue")]
    [InlineData("Reader", "", "readerValue")]
    [InlineData("_raw", "", "_rawValue")]
    [InlineData("X1", "", "x1")]
    [InlineData("Limit", "Parameter", "limitParameter")]
    [InlineData("Domains", "Value", "domainsValue")]
    [InlineData("Class", "Value", "classValueValue")]
    [InlineData("Value", "", "valueValue")]
    public void LocalsAreCamelCaseAndClearOfKeywordsAndReservedNames(string name, string suffix, string expected) =>
        Assert.Equal(expected, CSharp.Local(name, suffix));

    [Fact]
    public void ALongNameAfterShortOnesIsBuiltWhole()
    {
        // The scratch buffer is kept per thread and grows: a long name after short ones must not be cut.
        Assert.Equal("a", CSharp.Local("A"));
        var longName = "Member" + new string('x', 300);
        Assert.Equal("member" + new string('x', 300) + "Parameter", CSharp.Local(longName, "Parameter"));
        Assert.Equal("b", CSharp.Local("B"));

        // One past what a thread keeps: built whole, and the names after it still come out right.
        var hugeName = "Huge" + new string('y', 5000);
        Assert.Equal("huge" + new string('y', 5000) + "Value", CSharp.Local(hugeName, "Value"));
        Assert.Equal("cValue", CSharp.Local("C", "Value"));
    }
}
