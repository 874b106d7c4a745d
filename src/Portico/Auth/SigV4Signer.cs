using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Portico.Auth
{
    /// <summary>AWS credentials: access key, secret key and, for temporary credentials, a session token.</summary>
    public sealed class AwsCredentials
    {
        /// <summary>Creates credentials.</summary>
        public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
        {
            AccessKeyId = accessKeyId ?? throw new ArgumentNullException(nameof(accessKeyId));
            SecretAccessKey = secretAccessKey ?? throw new ArgumentNullException(nameof(secretAccessKey));
            SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
        }

        /// <summary>The access key id.</summary>
        public string AccessKeyId { get; }

        /// <summary>The secret access key (never logged, never part of a message).</summary>
        public string SecretAccessKey { get; }

        /// <summary>The session token of temporary credentials, or <c>null</c>.</summary>
        public string? SessionToken { get; }

        /// <summary>Shows the key id only.</summary>
        public override string ToString() => "AwsCredentials(" + AccessKeyId + ")";
    }

    /// <summary>A request as SigV4 sees it: the path and query in their unencoded form (encoding is part of signing).</summary>
    public sealed class SigV4Request
    {
        /// <summary>Creates a request to sign.</summary>
        public SigV4Request(string method, string path, IReadOnlyList<KeyValuePair<string, string>> query, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body)
        {
            Method = method;
            Path = path;
            Query = query;
            Headers = headers;
            Body = body ?? Array.Empty<byte>();
        }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }
        /// <summary>The path, not percent-encoded.</summary>
        public string Path { get; }
        /// <summary>Query parameters, not percent-encoded, in any order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }
        /// <summary>Headers to sign, as sent (Host included); repeated names allowed.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
        /// <summary>The payload.</summary>
        public byte[] Body { get; }
    }

    /// <summary>How to sign.</summary>
    public sealed class SigV4Options
    {
        /// <summary>Remove dot segments and duplicate slashes from the path (true for every service but S3).</summary>
        public bool NormalizePath { get; set; } = true;
        /// <summary>Add and sign <c>x-amz-content-sha256</c>.</summary>
        public bool SignBody { get; set; }
        /// <summary>Send the session token without signing it (some services want it added after signing).</summary>
        public bool OmitSessionTokenFromSignature { get; set; }
        /// <summary>Sign into the query string (a presigned URL) instead of the Authorization header.</summary>
        public bool SignQuery { get; set; }
        /// <summary>Validity of a presigned URL.</summary>
        public TimeSpan Expires { get; set; } = TimeSpan.FromHours(1);
    }

    /// <summary>The outcome of signing: what to add to the request, and the intermediate texts (for tests and troubleshooting).</summary>
    public sealed class SigV4Result
    {
        internal SigV4Result(string canonicalRequest, string stringToSign, string signature, List<KeyValuePair<string, string>> headers, List<KeyValuePair<string, string>> query)
        {
            CanonicalRequest = canonicalRequest;
            StringToSign = stringToSign;
            Signature = signature;
            HeadersToAdd = headers;
            QueryToAdd = query;
        }

        /// <summary>The canonical request.</summary>
        public string CanonicalRequest { get; }
        /// <summary>The string to sign.</summary>
        public string StringToSign { get; }
        /// <summary>The hex signature.</summary>
        public string Signature { get; }
        /// <summary>Headers to add (X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256, Authorization).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd { get; }
        /// <summary>Query parameters to add (query signing), not encoded.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> QueryToAdd { get; }
    }

    /// <summary>AWS Signature Version 4 (AWS4-HMAC-SHA256), as API Gateway's IAM authorization expects for service <c>execute-api</c>.</summary>
    public static class SigV4Signer
    {
        private const string Algorithm = "AWS4-HMAC-SHA256";
        private static readonly string s_emptyHash = Hex(Sha256(Array.Empty<byte>()));

        /// <summary>Signs a request.</summary>
        public static SigV4Result Sign(SigV4Request request, AwsCredentials credentials, string region, string service, DateTimeOffset time, SigV4Options? options = null)
        {
            options ??= new SigV4Options();
            var utc = time.ToUniversalTime();
            string amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            string date = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            string scope = date + "/" + region + "/" + service + "/aws4_request";
            string payloadHash = Hex(Sha256(request.Body));

            var headers = new List<KeyValuePair<string, string>>(request.Headers);
            var addHeaders = new List<KeyValuePair<string, string>>();
            var query = new List<KeyValuePair<string, string>>(request.Query);
            var addQuery = new List<KeyValuePair<string, string>>();
            bool token = credentials.SessionToken is not null;

            if (!options.SignQuery)
            {
                addHeaders.Add(new KeyValuePair<string, string>("X-Amz-Date", amzDate));
                if (options.SignBody) addHeaders.Add(new KeyValuePair<string, string>("X-Amz-Content-Sha256", payloadHash));
                if (token && !options.OmitSessionTokenFromSignature) addHeaders.Add(new KeyValuePair<string, string>("X-Amz-Security-Token", credentials.SessionToken!));
                headers.AddRange(addHeaders);
            }

            var canonicalHeaders = CanonicalHeaders(headers);
            string signedHeaders = string.Join(";", canonicalHeaders.Select(h => h.Key));

            if (options.SignQuery)
            {
                addQuery.Add(new KeyValuePair<string, string>("X-Amz-Algorithm", Algorithm));
                addQuery.Add(new KeyValuePair<string, string>("X-Amz-Credential", credentials.AccessKeyId + "/" + scope));
                addQuery.Add(new KeyValuePair<string, string>("X-Amz-Date", amzDate));
                addQuery.Add(new KeyValuePair<string, string>("X-Amz-SignedHeaders", signedHeaders));
                addQuery.Add(new KeyValuePair<string, string>("X-Amz-Expires", ((long)options.Expires.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
                if (token && !options.OmitSessionTokenFromSignature) addQuery.Add(new KeyValuePair<string, string>("X-Amz-Security-Token", credentials.SessionToken!));
                query.AddRange(addQuery);
            }

            var canonical = new StringBuilder();
            canonical.Append(request.Method.ToUpperInvariant()).Append('\n');
            canonical.Append(CanonicalPath(request.Path, options.NormalizePath)).Append('\n');
            canonical.Append(CanonicalQuery(query)).Append('\n');
            foreach (var h in canonicalHeaders) canonical.Append(h.Key).Append(':').Append(h.Value).Append('\n');
            canonical.Append('\n');
            canonical.Append(signedHeaders).Append('\n');
            canonical.Append(options.SignQuery && !options.SignBody ? s_emptyHash : payloadHash);
            string canonicalRequest = canonical.ToString();

            string stringToSign = Algorithm + "\n" + amzDate + "\n" + scope + "\n" + Hex(Sha256(Encoding.UTF8.GetBytes(canonicalRequest)));
            byte[] key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
            key = Hmac(key, region);
            key = Hmac(key, service);
            key = Hmac(key, "aws4_request");
            string signature = Hex(Hmac(key, stringToSign));

            if (options.SignQuery)
            {
                addQuery.Add(new KeyValuePair<string, string>("X-Amz-Signature", signature));
                if (token && options.OmitSessionTokenFromSignature) addQuery.Add(new KeyValuePair<string, string>("X-Amz-Security-Token", credentials.SessionToken!));
            }
            else
            {
                if (token && options.OmitSessionTokenFromSignature) addHeaders.Add(new KeyValuePair<string, string>("X-Amz-Security-Token", credentials.SessionToken!));
                addHeaders.Add(new KeyValuePair<string, string>("Authorization",
                    Algorithm + " Credential=" + credentials.AccessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature));
            }
            return new SigV4Result(canonicalRequest, stringToSign, signature, addHeaders, addQuery);
        }

        /// <summary>Lower-case names, sorted; values trimmed with inner runs of spaces folded; repeated names joined by commas.</summary>
        internal static List<KeyValuePair<string, string>> CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
        {
            var map = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var h in headers)
            {
                string name = h.Key.Trim().ToLowerInvariant();
                if (!map.TryGetValue(name, out var values)) map[name] = values = new List<string>();
                values.Add(FoldSpaces(h.Value));
            }
            return map.Select(p => new KeyValuePair<string, string>(p.Key, string.Join(",", p.Value))).ToList();
        }

        private static string FoldSpaces(string value)
        {
            var sb = new StringBuilder(value.Length);
            bool space = false;
            foreach (char c in value.Trim())
            {
                bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
                if (ws)
                {
                    if (!space) sb.Append(' ');
                    space = true;
                }
                else
                {
                    sb.Append(c);
                    space = false;
                }
            }
            return sb.ToString();
        }

        /// <summary>The path with dot segments resolved (when normalizing) and each segment percent-encoded once.</summary>
        internal static string CanonicalPath(string path, bool normalize)
        {
            if (string.IsNullOrEmpty(path)) return "/";
            string p = path;
            if (normalize)
            {
                var output = new List<string>();
                foreach (var seg in p.Split('/'))
                {
                    if (seg.Length == 0 || seg == ".") continue;
                    if (seg == "..")
                    {
                        if (output.Count > 0) output.RemoveAt(output.Count - 1);
                        continue;
                    }
                    output.Add(seg);
                }
                bool trailing = p.EndsWith("/", StringComparison.Ordinal) || p.EndsWith("/.", StringComparison.Ordinal) || p.EndsWith("/..", StringComparison.Ordinal);
                p = "/" + string.Join("/", output) + (trailing && output.Count > 0 ? "/" : string.Empty);
            }
            var sb = new StringBuilder();
            var segments = p.Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                if (i > 0) sb.Append('/');
                sb.Append(Encode(segments[i]));
            }
            string result = sb.ToString();
            return result.Length == 0 ? "/" : result;
        }

        /// <summary>Parameters percent-encoded and sorted by name, then value.</summary>
        internal static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query)
        {
            var encoded = query.Select(q => new KeyValuePair<string, string>(Encode(q.Key), Encode(q.Value)))
                .OrderBy(q => q.Key, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal);
            return string.Join("&", encoded.Select(q => q.Key + "=" + q.Value));
        }

        /// <summary>RFC 3986 encoding: everything but unreserved characters, upper-case hex, UTF-8.</summary>
        public static string Encode(string value)
        {
            var sb = new StringBuilder(value.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(value))
            {
                char c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        private static byte[] Sha256(byte[] data)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(data);
        }

        private static byte[] Hmac(byte[] key, string data)
        {
            using var hmac = new HMACSHA256(key);
            return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
