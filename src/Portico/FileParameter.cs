using System;
using System.IO;

namespace Portico
{
    /// <summary>A file sent as a multipart part or a binary body.</summary>
    public sealed class FileParameter
    {
        /// <summary>Creates a file parameter.</summary>
        /// <param name="content">The data; read once when the request is sent (buffered, so retries can replay it).</param>
        /// <param name="fileName">The file name sent in Content-Disposition.</param>
        /// <param name="contentType">The part's media type; <c>application/octet-stream</c> when omitted.</param>
        public FileParameter(Stream content, string? fileName = null, string? contentType = null)
        {
            Content = content ?? throw new ArgumentNullException(nameof(content));
            FileName = fileName;
            ContentType = contentType;
        }

        /// <summary>The data.</summary>
        public Stream Content { get; }

        /// <summary>The file name, if any.</summary>
        public string? FileName { get; }

        /// <summary>The media type, if any.</summary>
        public string? ContentType { get; }

        /// <summary>Wraps a stream without a name.</summary>
        public static implicit operator FileParameter(Stream stream) => new FileParameter(stream);
    }
}
