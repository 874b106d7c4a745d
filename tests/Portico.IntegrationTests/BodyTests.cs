using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Shop;

namespace Portico.IntegrationTests;

public sealed class BodyTests
{
    internal static Order SampleOrder() => new()
    {
        Id = Guid.Parse("5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11"),
        Customer = new Customer
        {
            Name = "Ann",
            Email = "ann@example.com",
            Address = new Address { Street = "Main 1", City = "Oslo" },
        },
        Items = [new LineItem { Sku = "A-1", Quantity = 2, UnitPrice = 9.95 }, new LineItem { Sku = "B-2", Quantity = 1 }],
        Status = OrderStatus.InTransit,
        Priority = Priority.Value3,
        DeliveryDate = new DateOnly(2025, 1, 31),
        PlacedAt = new DateTimeOffset(2025, 1, 30, 8, 0, 0, TimeSpan.FromHours(-5)),
        Note = null,
        Metadata = new() { ["gift-wrap"] = "yes", ["channel"] = "web" },
        Gift = true,
    };

    [Fact]
    public async Task Json_body_carries_nested_models_enums_dates_maps_and_nulls_as_the_schema_says()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/orders", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            string json = await reader.ReadToEndAsync();
            // Echo with a server-side extra the schema does not know.
            return Results.Text(json.TrimEnd('}') + ",\"trackingCode\":\"T-1\"}", "application/json", statusCode: 201);
        }));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var created = await client.Orders.CreateOrderAsync(SampleOrder());

        var r = server.Single;
        Assert.Equal("application/json; charset=utf-8", r.ContentType);
        using var doc = JsonDocument.Parse(r.Body);
        var root = doc.RootElement;
        Assert.Equal("5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11", root.GetProperty("id").GetString());
        Assert.Equal("Oslo", root.GetProperty("customer").GetProperty("address").GetProperty("city").GetString());
        Assert.False(root.GetProperty("customer").GetProperty("address").TryGetProperty("zip", out _), "optional null is omitted");
        Assert.Equal(2, root.GetProperty("items").GetArrayLength());
        Assert.Equal(9.95, root.GetProperty("items")[0].GetProperty("unitPrice").GetDouble());
        Assert.False(root.GetProperty("items")[1].TryGetProperty("unitPrice", out _));
        Assert.Equal("in-transit", root.GetProperty("status").GetString());
        Assert.Equal(3, root.GetProperty("priority").GetInt32());
        Assert.Equal("2025-01-31", root.GetProperty("deliveryDate").GetString());
        Assert.Equal("2025-01-30T08:00:00-05:00", root.GetProperty("placedAt").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("note").ValueKind);
        Assert.False(root.TryGetProperty("discount", out _));
        Assert.Equal("yes", root.GetProperty("metadata").GetProperty("gift-wrap").GetString());
        Assert.True(root.GetProperty("gift").GetBoolean());

        Assert.Equal(SampleOrder().Id, created.Id);
        Assert.Equal("Ann", created.Customer.Name);
        Assert.Equal(OrderStatus.InTransit, created.Status);
        Assert.Equal(Priority.Value3, created.Priority);
        Assert.Equal(new DateOnly(2025, 1, 31), created.DeliveryDate);
        Assert.Equal(new DateTimeOffset(2025, 1, 30, 13, 0, 0, TimeSpan.Zero), created.PlacedAt);
        Assert.Equal(TimeSpan.FromHours(-5), created.PlacedAt!.Value.Offset);
        Assert.Null(created.Note);
        Assert.Equal("web", created.Metadata!["channel"]);
        Assert.Equal(2, created.Items[0].Quantity);
    }

    [Fact]
    public async Task Form_urlencoded_body_flattens_nested_objects_and_arrays()
    {
        IFormCollection? form = null;
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/forms", async (HttpRequest request) =>
        {
            form = await request.ReadFormAsync();
            return Results.NoContent();
        }));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        await client.Payloads.SubmitFormAsync(new SignUp
        {
            Name = "Ann Lee",
            Age = 30,
            Newsletter = true,
            Interests = ["a&b", "c=d"],
            Address = new Address { Street = "Main 1", City = "Oslo" },
            Children = [new Child { Name = "Bo", Age = 3 }, new Child { Name = "Cy" }],
        });

        var r = server.Single;
        Assert.Equal("application/x-www-form-urlencoded", r.ContentType);
        Assert.Equal(
            "name=Ann+Lee&age=30&newsletter=true&interests=a%26b&interests=c%3Dd"
            + "&address%5Bstreet%5D=Main+1&address%5Bcity%5D=Oslo"
            + "&children%5B0%5D%5Bname%5D=Bo&children%5B0%5D%5Bage%5D=3&children%5B1%5D%5Bname%5D=Cy",
            r.BodyText);
        Assert.Equal("Ann Lee", form!["name"].ToString());
        Assert.Equal(new string?[] { "a&b", "c=d" }, form["interests"].ToArray());
        Assert.Equal("Oslo", form["address[city]"].ToString());
        Assert.Equal("Cy", form["children[1][name]"].ToString());
    }

    [Fact]
    public async Task Multipart_body_sends_files_with_names_and_types_and_fields_as_text()
    {
        var parts = new List<string>();
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/uploads", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            foreach (var f in form.Files)
            {
                using var reader = new StreamReader(f.OpenReadStream());
                parts.Add($"file {f.Name} {f.FileName} {f.ContentType} {await reader.ReadToEndAsync()}");
            }
            foreach (var field in form) parts.Add($"field {field.Key}={field.Value}");
            return Results.Text("{\"received\":" + form.Files.Count + ",\"names\":[\"" + string.Join("\",\"", form.Files.Select(f => f.FileName)) + "\"]}", "application/json");
        }));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var receipt = await client.Payloads.UploadAsync(new UploadRequest
        {
            File = new FileParameter(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2")), "report.csv", "text/csv"),
            Title = "Q1 ü",
            Count = 3,
            Ready = false,
            Kind = OrderStatus.Delivered,
            Attachments = [new FileParameter(new MemoryStream([1, 2, 3]), "résumé.bin"), new FileParameter(new MemoryStream([4]), "b.bin", "image/png")],
            Meta = new Address { City = "Oslo" },
        });

        Assert.StartsWith("multipart/form-data; boundary=", server.Single.ContentType);
        Assert.Contains("file file report.csv text/csv a,b\n1,2", parts);
        Assert.Contains(parts, p => p.StartsWith("file attachments résumé.bin application/octet-stream", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.StartsWith("file attachments b.bin image/png", StringComparison.Ordinal));
        Assert.Contains("field title=Q1 ü", parts);
        Assert.Contains("field count=3", parts);
        Assert.Contains("field ready=false", parts);
        Assert.Contains("field kind=delivered", parts);
        Assert.Contains("field meta={\"city\":\"Oslo\"}", parts);
        Assert.Equal(3, receipt.Received);
        Assert.Equal(["report.csv", "résumé.bin", "b.bin"], receipt.Names);
    }

    [Fact]
    public async Task Octet_stream_body_sends_the_bytes_as_they_are()
    {
        byte[] data = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        await client.Payloads.PutBlobAsync("big blob", new NonSeekableStream(data));

        var r = server.Single;
        Assert.Equal("PUT", r.Method);
        Assert.Equal("/blobs/big%20blob", r.RawTarget);
        Assert.Equal("application/octet-stream", r.ContentType);
        Assert.Equal(data, r.Body);
    }

    [Fact]
    public async Task Text_body_is_utf8_text_plain_and_text_response_is_read_as_string()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/notes", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return Results.Text((await reader.ReadToEndAsync()).ToUpperInvariant(), "text/plain; charset=utf-8");
        }));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        string answer = await client.Payloads.PostNoteAsync("héllo wörld");

        Assert.Equal("text/plain; charset=utf-8", server.Single.ContentType);
        Assert.Equal("héllo wörld", server.Single.BodyText);
        Assert.Equal("HÉLLO WÖRLD", answer);
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
