using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>
/// <see cref="ApigJson.NextMember"/>, the loop of every generated reader: the index of each member it knows, in the
/// order of the object, whatever the others hold (skipped, value and all), escaped names and split buffers included.
/// </summary>
public sealed class JsonMemberLookupTests
{
    private static readonly ApigJsonMembers Members = new("name", "id", "naïve", "n");

    /// <summary>Walks the object as a generated reader does and records (index, the value's raw text) for each member found.</summary>
    private static List<(int Member, string Value)> Walk(ref Utf8JsonReader reader)
    {
        var found = new List<(int, string)>();
        reader.Read();
        ApigJson.ExpectStartObject(ref reader, "$");
        while (ApigJson.NextMember(ref reader, Members, out var member))
        {
            reader.Read();
            found.Add((member, reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan)));
        }

        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.False(reader.Read());
        return found;
    }

    private static List<(int Member, string Value)> Walk(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        return Walk(ref reader);
    }

    [Fact]
    public void KnownMembersGiveTheirIndexAndOthersAreSkippedWhole()
    {
        var found = Walk("""{"extra":{"name":"inner","id":[1,{"n":2}]},"id":7,"name":"a","other":[["name"]],"nam":1,"names":2,"n":3}""");

        Assert.Equal(new[] { (1, "7"), (0, "a"), (3, "3") }, found);
    }

    [Fact]
    public void AnEmptyObjectOrOneOfUnknownMembersEndsAtOnce()
    {
        Assert.Empty(Walk("{}"));
        Assert.Empty(Walk("""{"x":1,"y":{"name":1}}"""));
    }

    [Fact]
    public void EscapedNamesAndNonAsciiNamesAreMatchedAsTheirText()
    {
        // "\u006e\u0061me" is "name"; "na\u00efve" is "naïve", also written as UTF-8 bytes.
        Assert.Equal(new[] { (0, "x"), (2, "y"), (2, "z") }, Walk("{\"\\u006e\\u0061me\":\"x\",\"na\\u00efve\":\"y\",\"naïve\":\"z\"}"));
    }

    [Fact]
    public void NamesSplitAcrossBuffersAreMatched()
    {
        // A body read from several segments: the names straddle the boundaries.
        var bytes = Encoding.UTF8.GetBytes("""{"skip":0,"name":"a","id":5}""");
        var first = new Segment(bytes.AsMemory(0, 13));
        var last = first.Append(bytes.AsMemory(13, 11)).Append(bytes.AsMemory(24));
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        Assert.Equal(new[] { (0, "a"), (1, "5") }, Walk(ref reader));
    }

    [Fact]
    public void TheNamesMustBeGiven()
    {
        Assert.Throws<ArgumentNullException>(() => new ApigJsonMembers(null!));
        Assert.Throws<ArgumentNullException>(() => new ApigJsonMembers("a", null!));
        Assert.Equal(4, Members.Count);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
