using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace ApigGen.Runtime.Tests;

/// <summary>
/// The one-call-per-member helpers generated records use to write JSON, read objects and check their members: the same
/// bytes, paths and messages as the statements they replace, and nothing at all for an unset member.
/// </summary>
public sealed class MemberHelperTests
{
    /// <summary>A generated record in miniature: an object with one member, written and read by its own methods.</summary>
    private sealed record Thing(string Name) : IApigValidatable
    {
        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, Name);
            writer.WriteEndObject();
        }

        public static Thing ReadJson(ref Utf8JsonReader reader, string path)
        {
            ApigJson.ExpectStartObject(ref reader, path);
            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8)) name = ApigJson.NextString(ref reader, path, "name");
                else reader.Skip();
            }

            return new Thing(name ?? throw ApigJson.MissingMember(path, "name"));
        }

        public void Validate() => ApigValidator.Validate(this, nameof(Thing));

        public IReadOnlyList<ApigValidationError> GetValidationErrors() => ApigValidator.GetErrors(this);

        void IApigValidatable.CollectErrors(ApigValidator validator) => validator.CheckLength("name", Name, 2, 5);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, ApigJson.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string[] Errors(Action<ApigValidator> walk) =>
        Array.ConvertAll(System.Linq.Enumerable.ToArray(ApigValidator.GetErrors(walk, static (w, validator) => w(validator))), e => e.ToString());

    [Fact]
    public void MembersAreWrittenAsNameAndValueAndNullWritesNothing()
    {
        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(8));
        var json = Write(writer =>
        {
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("s"u8), "a\"é<");
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("i"u8), (int?)-3);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("l"u8), (long?)9007199254740993);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("d"u8), (double?)0.1);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("b"u8), (bool?)false);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("t"u8), (DateTimeOffset?)time);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("ns"u8), (string?)null);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("ni"u8), (int?)null);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("nl"u8), (long?)null);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("nd"u8), (double?)null);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("nb"u8), (bool?)null);
            ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name("nt"u8), (DateTimeOffset?)null);
            ApigJsonWriter.WriteObject(writer, ApigJsonWriter.Name("o"u8), new Thing("x"), static (writer, value) => value.WriteJson(writer));
            ApigJsonWriter.WriteObject(writer, ApigJsonWriter.Name("no"u8), (Thing?)null, static (writer, value) => value.WriteJson(writer));
        });

        // The same bytes as a name, then the value, written one by one.
        var expected = Write(writer =>
        {
            writer.WritePropertyName("s"u8);
            writer.WriteStringValue("a\"é<");
            writer.WritePropertyName("i"u8);
            writer.WriteNumberValue(-3);
            writer.WritePropertyName("l"u8);
            writer.WriteNumberValue(9007199254740993L);
            writer.WritePropertyName("d"u8);
            writer.WriteNumberValue(0.1);
            writer.WritePropertyName("b"u8);
            writer.WriteBooleanValue(false);
            writer.WritePropertyName("t"u8);
            writer.WriteStringValue(time);
            writer.WritePropertyName("o"u8);
            new Thing("x").WriteJson(writer);
        });
        Assert.Equal(expected, json);
        Assert.Equal("{\"s\":\"a\\\"é<\",\"i\":-3,\"l\":9007199254740993,\"d\":0.1,\"b\":false,\"t\":\"2024-05-06T07:08:09+08:00\",\"o\":{\"name\":\"x\"}}", json);
    }

    [Fact]
    public void ListsAreWrittenItemByItemAndNullWritesNothing()
    {
        var json = Write(writer =>
        {
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("s"u8), new[] { "a", "b" }, ApigJsonWriter.StringItem);
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("i"u8), new List<int> { 1, 2 }, ApigJsonWriter.Int32Item);
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("l"u8), new[] { 3L }, ApigJsonWriter.Int64Item);
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("d"u8), new[] { 1.5 }, ApigJsonWriter.DoubleItem);
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("b"u8), new[] { true }, ApigJsonWriter.BooleanItem);
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("t"u8), new[] { new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero) }, ApigJsonWriter.DateTimeItem);
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("e"u8), Array.Empty<string>(), ApigJsonWriter.StringItem);
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("o"u8), new[] { new Thing("p"), new Thing("q") }, static (writer, value) => value.WriteJson(writer));
            ApigJsonWriter.WriteList<IReadOnlyList<int>>(writer, ApigJsonWriter.Name("m"u8), new[] { new[] { 1, 2 }, Array.Empty<int>() }, static (writer, value) => ApigJsonWriter.WriteArray(writer, value, ApigJsonWriter.Int32Item));
            ApigJsonWriter.WriteList(writer, ApigJsonWriter.Name("n"u8), (IReadOnlyList<string>?)null, ApigJsonWriter.StringItem);
        });

        Assert.Equal("{\"s\":[\"a\",\"b\"],\"i\":[1,2],\"l\":[3],\"d\":[1.5],\"b\":[true],\"t\":[\"2020-01-02T03:04:05+00:00\"],\"e\":[],\"o\":[{\"name\":\"p\"},{\"name\":\"q\"}],\"m\":[[1,2],[]]}", json);
    }

    [Theory]
    [InlineData("{\"o\":null}", null)]
    [InlineData("{\"o\":{\"name\":\"abc\"}}", "abc")]
    public void NextObjectReadsAnObjectOrNull(string json, string? name)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        var thing = ApigJson.NextObject(ref reader, "$", "o", static (ref Utf8JsonReader reader, string path, string? member, int index) => Thing.ReadJson(ref reader, ApigJson.Path(path, member, index)));
        Assert.Equal(name, thing?.Name);
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
    }

    [Theory]
    [InlineData("{\"o\":{}}", "$.o.name", "The mandatory member 'name' is missing or null at $.o.")]
    [InlineData("{\"o\":[1]}", "$.o", "Expected an object at $.o but found an array.")]
    public void NextObjectErrorsNameTheMembersPath(string json, string path, string message)
    {
        var exception = Assert.Throws<JsonException>(() =>
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            reader.Read();
            reader.Read();
            ApigJson.NextObject(ref reader, "$", "o", static (ref Utf8JsonReader reader, string path, string? member, int index) => Thing.ReadJson(ref reader, ApigJson.Path(path, member, index)));
        });
        Assert.Equal(path, exception.Path);
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void ChecksSkipNullAndTheFirstCheckOfAMandatoryMemberRequiresIt()
    {
        var pattern = new Regex("^[a-z]+$");
        Assert.Empty(Errors(validator =>
        {
            validator.CheckLength("a", null, 1, 2);
            validator.CheckPattern("a", null, pattern, "lower case");
            validator.CheckPathSegment("a", null);
            validator.CheckHeaderValue("a", null);
            validator.CheckRange("a", (long?)null, 1, 2);
            validator.CheckRange("a", (double?)null, 1, 2);
            validator.CheckObject("a", null);
            validator.CheckBody(null);
            validator.CheckObjectList("a", null, 1, 2);
            validator.CheckList<string>("a", null, 1, 2);
            validator.Required("a", "set");
        }));

        Assert.Equal(
            new[]
            {
                "name: is required",
                "seg: is required",
                "hdr: is required",
                "pat: is required",
                "obj: is required",
                "body: is required",
                "objs: is required",
                "list: is required",
                "plain: is required",
                "len: must be 1 to 2 characters long (it has 3)",
                "len: lower case",
                "int: must be at least 5 (it is 4)",
                "num: must be at most 1.5 (it is 2)",
                "inf: must be a finite number",
            },
            Errors(validator =>
            {
                // A missing mandatory member is reported once, by its first check; the next ones skip it.
                validator.CheckLength("name", null, 1, 2, required: true);
                validator.CheckPattern("name", null, pattern, "lower case");
                validator.CheckPathSegment("seg", null, required: true);
                validator.CheckHeaderValue("hdr", null, required: true);
                validator.CheckPattern("pat", null, pattern, "lower case", required: true);
                validator.CheckObject("obj", null, required: true);
                validator.CheckBody(null, required: true);
                validator.CheckObjectList("objs", null, required: true);
                validator.CheckList<string>("list", null, required: true);
                validator.Required("plain", null);
                validator.CheckLength("len", "ABC", 1, 2, required: true);
                validator.CheckPattern("len", "ABC", pattern, "lower case");
                validator.CheckRange("int", (int?)4, 5L, long.MaxValue);
                validator.CheckRange("num", (double?)2, double.NegativeInfinity, 1.5);
                validator.CheckRange("inf", double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity);
            }));
    }

    [Fact]
    public void ObjectsAndBodiesAreWalkedAtTheirPaths()
    {
        Assert.Equal(
            new[] { "outer.inner.name: must be 2 to 5 characters long (it has 1)", "name: must be 2 to 5 characters long (it has 7)", "after: is required" },
            Errors(validator =>
            {
                validator.Enter("outer");
                validator.CheckObject("inner", new Thing("x"), required: true);
                validator.Exit();

                // The body's members sit at the root of the path.
                validator.CheckBody(new Thing("toolong"), required: true);
                validator.Required("after");
            }));
    }

    [Fact]
    public void AValueRunsItsOwnWalkThroughTheValidator()
    {
        Assert.Empty(new Thing("abc").GetValidationErrors());
        Assert.Equal("name: must be 2 to 5 characters long (it has 1)", Assert.Single(new Thing("x").GetValidationErrors()).ToString());
        var thrown = Assert.Throws<ApigValidationException>(() => new Thing("x").Validate());
        Assert.Equal("Thing", thrown.TypeName);
        Assert.Equal("name: must be 2 to 5 characters long (it has 1)", Assert.Single(thrown.Errors).ToString());
        Assert.Throws<ArgumentNullException>(() => ApigValidator.Validate(null!, "Thing"));
        Assert.Throws<ArgumentNullException>(() => ApigValidator.GetErrors(null!));

        // A list of objects is counted, then each item walked at its index.
        Assert.Equal(
            new[] { "things: must have 2 to 3 items (it has 1)", "things[0].name: must be 2 to 5 characters long (it has 6)" },
            Errors(validator => validator.CheckObjectList("things", new[] { new Thing("sixsix") }, 2, 3)));
    }

    [Theory]
    [InlineData("plain_name")]
    [InlineData("é<ü>&'")]
    [InlineData("quote\"back\\slash")]
    [InlineData("tab\tnewline\n")]
    public void NamesEncodedOnceAreWrittenAsTheBodyWriterEscapesThem(string name)
    {
        // Generated records keep their names encoded (ApigJsonWriter.Name); the bytes must be those the writer's own
        // escaping gives a name passed as it is, or the body (and its signature) would change.
        var utf8 = Encoding.UTF8.GetBytes(name);
        Assert.Equal(
            Write(writer => writer.WriteString(utf8, "v")),
            Write(writer => ApigJsonWriter.WriteMember(writer, ApigJsonWriter.Name(utf8), "v")));
    }

    [Fact]
    public void PathsDeeperThanTheFirstStackAreBuiltWhole()
    {
        // Twelve levels: past the validator's first path array (eight segments), which then grows.
        Assert.Equal(
            new[] { "a.b.c.d.e.f[6][7].i.j.k.l.leaf: is required", "a: is required" },
            Errors(validator =>
            {
                foreach (var name in new[] { "a", "b", "c", "d", "e", "f" })
                {
                    validator.Enter(name);
                }

                validator.EnterIndex(6);
                validator.EnterIndex(7);
                foreach (var name in new[] { "i", "j", "k", "l" })
                {
                    validator.Enter(name);
                }

                validator.Required("leaf");
                for (var level = 0; level < 12; level++)
                {
                    validator.Exit();
                }

                validator.Required("a");
            }));
    }

    [Fact]
    public void AValidatorAWalkThrewInStartsTheNextWalkAtTheRoot()
    {
        // A walk that throws mid-way leaves segments on the path; the thread's next walk must not inherit them.
        Assert.Throws<InvalidOperationException>(() => ApigValidator.GetErrors(0, static (_, validator) =>
        {
            validator.Enter("stale");
            validator.EnterIndex(4);
            throw new InvalidOperationException("a walk failed");
        }));

        Assert.Equal(new[] { "fresh: is required" }, Errors(validator => validator.Required("fresh")));
        Assert.Throws<InvalidOperationException>(() => Errors(validator => validator.Exit()));
    }

    [Fact]
    public void MapValuesWithoutChecksOfTheirOwnAreOnlyFoundWhenNull()
    {
        Assert.Equal(
            new[] { "labels.b: must not be null", "labels.d: must not be null", "outer.inner.x: must not be null", "after: is required" },
            Errors(validator =>
            {
                validator.CheckMap("labels", new Dictionary<string, string?> { ["a"] = "1", ["b"] = null, ["c"] = "3", ["d"] = null });
                validator.CheckMap("counts", new Dictionary<string, int> { ["a"] = 1 });
                validator.CheckMap<string>("none", null);
                validator.Enter("outer");
                validator.Enter("inner");
                validator.CheckMap(null, new Dictionary<string, string?> { ["x"] = null });
                validator.Exit();
                validator.Exit();
                validator.Required("after");
            }));
    }

    [Fact]
    public void ListsAreCountedThenWalkedItemByItem()
    {
        Assert.Equal(
            new[]
            {
                "tags: must have at most 2 items (it has 3)",
                "tags[1]: must not be null",
                "tags[2]: must be 2 to 5 characters long (it has 1)",
                "things[0]: must not be null",
                "things[1].name: must be 2 to 5 characters long (it has 7)",
                "matrix[0]: must have at least 1 item (it has 0)",
                "matrix[1][0]: must not be null",
                "matrix[1][1]: must be 2 to 5 characters long (it has 1)",
                "ids: must have exactly 1 item (it has 2)",
                "more: is required",
            },
            Errors(validator =>
            {
                validator.CheckList("tags", new[] { "ab", null, "c" }, 0, 2, static (validator, item) => validator.CheckLength(null, item, 2, 5), required: true);
                validator.CheckObjectList("things", new Thing[] { null!, new Thing("tooLong") });
                validator.CheckList<IReadOnlyList<string?>>("matrix", new[] { Array.Empty<string?>(), new[] { null, "x" } }, checkItem: static (validator, item) => validator.CheckList(null, item, 1, int.MaxValue, static (validator, item) => validator.CheckLength(null, item, 2, 5)));

                // Items of a value type with no check of their own are only counted.
                validator.CheckList("ids", new[] { 1, 2 }, 1, 1);
                validator.CheckList("ints", new[] { 1, 2 });
                validator.Required("more");
            }));
    }
}
