using System;
using System.Collections.Generic;

namespace Portico
{
    /// <summary>
    /// API Gateway answered 429 <c>Limit Exceeded</c>: the usage plan's quota for the API key is used up for this period.
    /// Unlike throttling, this is never retried.
    /// </summary>
    public sealed class QuotaExceededException : ApiException
    {
        /// <summary>Creates the exception.</summary>
        public QuotaExceededException(string message, string? content, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException = null)
            : base(message, 429, content, headers, innerException)
        {
        }
    }

    /// <summary>The client-side token bucket could not grant a request within the allowed queueing time.</summary>
    public sealed class ClientThrottledException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ClientThrottledException(string message, TimeSpan waited) : base(message) => Waited = waited;

        /// <summary>How long the request queued before giving up.</summary>
        public TimeSpan Waited { get; }
    }
}
