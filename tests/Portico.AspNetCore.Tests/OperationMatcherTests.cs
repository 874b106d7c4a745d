using Portico.Validation;

namespace Portico.AspNetCore.Tests;

public sealed class OperationMatcherTests
{
    private static OperationValidator Op(string method, string path)
        => new(method, path, method + " " + path, Array.Empty<ParameterValidator>(), Array.Empty<BodyValidator>(), false, Array.Empty<ResponseBodyValidator>());

    private static readonly OperationMatcher Matcher = new(new[]
    {
        Op("GET", "/pets/{petId}"),
        Op("GET", "/pets/mine"),
        Op("GET", "/{proxy+}"),
        Op("POST", "/pets"),
        Op("GET", "/pets/{petId}/photos/{photoId}"),
    });

    [Theory]
    [InlineData("GET", "/pets/mine", "GET /pets/mine")]
    [InlineData("GET", "/pets/7", "GET /pets/{petId}")]
    [InlineData("get", "/pets/7/", "GET /pets/{petId}")]
    [InlineData("GET", "/pets/7/photos/9", "GET /pets/{petId}/photos/{photoId}")]
    [InlineData("GET", "/anything/else/here", "GET /{proxy+}")]
    [InlineData("GET", "/Pets/7", "GET /{proxy+}")]
    [InlineData("POST", "/pets", "POST /pets")]
    public void Picks_the_most_specific_template(string method, string path, string expected)
        => Assert.Equal(expected, Matcher.Match(method, path)?.Operation.OperationId);

    [Theory]
    [InlineData("POST", "/pets/7")]
    [InlineData("DELETE", "/pets")]
    [InlineData("GET", "/")]
    public void Answers_null_when_nothing_matches(string method, string path)
        => Assert.Null(Matcher.Match(method, path));

    [Fact]
    public void Captures_path_values()
    {
        var match = Matcher.Match("GET", "/pets/7/photos/9")!;
        Assert.Equal("7", match.PathValues["petId"]);
        Assert.Equal("9", match.PathValues["photoId"]);
        Assert.Equal("a/b/c", Matcher.Match("GET", "/a/b/c")!.PathValues["proxy"]);
    }
}
