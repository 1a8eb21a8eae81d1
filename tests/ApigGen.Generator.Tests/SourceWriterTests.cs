using System.Globalization;
using ApigGen.Generator.Emit;
using Xunit;

namespace ApigGen.Generator.Tests;

/// <summary>
/// The writer every emitter uses: interpolated lines are appended piece by piece, so indentation, line breaks inside
/// pieces and the blank line after a block must come out exactly as if each line had been built as a string first.
/// </summary>
public sealed class SourceWriterTests
{
    [Fact]
    public void PiecesOfAnInterpolatedLineAreIndentedAndNewlinesInsideThemStartIndentedLines()
    {
        var w = SourceWriter.ForFile();
        var name = "Value";
        var doc = "first\n\nthird";
        using (w.Open($"public sealed record {name}"))
        {
            w.WriteLine($"// {doc} end");
            w.WriteLine($"int {name}{string.Empty} = {42};");
        }

        Assert.Equal("public sealed record Value\n{\n    // first\n\n    third end\n    int Value = 42;\n}\n", w.ToStringAndRelease());
    }

    [Fact]
    public void ABlockIsFollowedByABlankLineUnlessTheNextLineContinuesOrClosesIt()
    {
        var w = SourceWriter.ForFile();
        var keyword = "else";
        using (w.Open("void M()"))
        {
            using (w.Open($"if ({"a"})"))
            {
                w.WriteLine("A();");
            }

            // The first piece is a hole: the rule still sees the line's first characters.
            using (w.Open($"{keyword} if (b)"))
            {
                w.WriteLine("B();");
            }

            w.WriteLine($"{"C"}();");
        }

        Assert.Equal(
            "void M()\n{\n    if (a)\n    {\n        A();\n    }\n    else if (b)\n    {\n        B();\n    }\n\n    C();\n}\n",
            w.ToStringAndRelease());
    }

    [Fact]
    public void ARequestedBlankLineIsWrittenOnceAndNeverBeforeAClosingBrace()
    {
        var w = SourceWriter.ForFile();
        using (w.Open("record R"))
        {
            w.WriteLine("int A { get; init; }");
            w.BlankLine();
            w.BlankLine();
            w.WriteLine("int B { get; init; }");
            w.BlankLine();
        }

        using (w.OpenIf(null))
        {
            w.WriteLine("// not in a block");
        }

        Assert.Equal("record R\n{\n    int A { get; init; }\n\n    int B { get; init; }\n}\n\n// not in a block\n", w.ToStringAndRelease());
    }

    [Fact]
    public void OnlyTheKeywordContinuesABlockNotAnIdentifierThatStartsWithIt()
    {
        var w = SourceWriter.ForFile();
        using (w.Open("void M()"))
        {
            using (w.Open("if (a)"))
            {
                w.WriteLine("A();");
            }

            w.WriteLine("elseCount++;");
            w.BlankLine();
            w.WriteLine("finally_ = true;");
        }

        Assert.Equal("void M()\n{\n    if (a)\n    {\n        A();\n    }\n\n    elseCount++;\n\n    finally_ = true;\n}\n", w.ToStringAndRelease());
    }

    [Fact]
    public void NumbersAreWrittenInTheInvariantCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // Swedish formats negative numbers with U+2212, not '-': generated code must not depend on the build machine.
            CultureInfo.CurrentCulture = new CultureInfo("sv-SE");
            var w = SourceWriter.ForFile();
            w.WriteLine($"const int Min = {-5};");
            Assert.Equal("const int Min = -5;\n", w.ToStringAndRelease());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void DisposingAFileWriterTwiceGivesItsBufferBackOnce()
    {
        var first = SourceWriter.ForFile();
        first.WriteLine("First();");
        first.Dispose();
        var second = SourceWriter.ForFile();
        second.WriteLine("Second();");

        // Were the buffer given back again, the next writer would share it with the second one and overwrite its text.
        first.Dispose();
        var third = SourceWriter.ForFile();
        third.WriteLine("Third();");
        Assert.Equal("Second();\n", second.ToStringAndRelease());
        Assert.Equal("Third();\n", third.ToStringAndRelease());
    }

    [Fact]
    public void AFileLargerThanTheBufferGrowsItAndKeepsEveryCharacter()
    {
        // 40,000 lines of about 30 characters: past the first buffer (32K) and past what a thread keeps (256K).
        var expected = new System.Text.StringBuilder();
        var w = SourceWriter.ForFile();
        using (w.Open("class C"))
        {
            for (var i = 0; i < 40_000; i++)
            {
                w.WriteLine($"int F{i} = {i};");
                expected.Append("    int F").Append(i).Append(" = ").Append(i).Append(";\n");
            }
        }

        Assert.Equal("class C\n{\n" + expected + "}\n", w.ToStringAndRelease());

        // The oversized buffer was not kept, and the next file still starts empty.
        var next = SourceWriter.ForFile();
        next.WriteLine("class D { }");
        Assert.Equal("class D { }\n", next.ToStringAndRelease());
    }

    [Fact]
    public void AFileWriterStartsEmptyAfterAnotherFileWasWrittenOnTheSameThread()
    {
        var first = SourceWriter.ForFile();
        first.WriteLine("class A { }");
        Assert.Equal("class A { }\n", first.ToStringAndRelease());
        var second = SourceWriter.ForFile();
        second.WriteLine("class B { }");
        Assert.Equal("class B { }\n", second.ToStringAndRelease());
    }
}
