using ApigGen.Generator.Emit;
using ApigGen.Generator.Model;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>The facts line of a member's remarks: how constraints read in the generated XML docs.</summary>
public sealed class DocsTests
{
    private static string Facts(TypeModel type, ConstraintsModel constraints, bool required = false) =>
        Docs.Facts(new PropertyModel("name", "Name", type, required, Secret: false, Description: null, constraints, Default: null), "member");

    [Theory]
    [InlineData(4, 50, "Member <c>name</c>, mandatory; 4 to 50 characters.")]
    [InlineData(1, null, "Member <c>name</c>, mandatory; at least 1 character.")]
    [InlineData(null, 8092, "Member <c>name</c>, mandatory; at most 8092 characters.")]
    [InlineData(3, 3, "Member <c>name</c>, mandatory; exactly 3 characters.")]
    public void LengthsReadAsCountsOfCharacters(int? min, int? max, string expected) =>
        Assert.Equal(expected, Facts(TypeModel.String, new ConstraintsModel(MinLength: min, MaxLength: max), required: true));

    [Theory]
    [InlineData(0, 10, "Member <c>name</c>, optional (null: not sent); 0 to 10 items.")]
    [InlineData(null, 1, "Member <c>name</c>, optional (null: not sent); at most 1 item.")]
    [InlineData(2, null, "Member <c>name</c>, optional (null: not sent); at least 2 items.")]
    public void ItemCountsReadAsCountsOfItems(int? min, int? max, string expected) =>
        Assert.Equal(expected, Facts(new TypeModel(TypeKind.Array, Items: TypeModel.String), new ConstraintsModel(MinItems: min, MaxItems: max)));

    [Fact]
    public void NumericBoundsNameTheValue() =>
        Assert.Equal("Member <c>name</c>, optional (null: not sent); value 1 to 500.", Facts(TypeModel.Int32, new ConstraintsModel(Minimum: "1", Maximum: "500")));
}
