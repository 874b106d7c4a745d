using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Portico.Validation;

namespace Portico.Http
{
    /// <summary>
    /// What an operation does with each answer, in the order the description lists the statuses: the first case whose range
    /// holds the status decides. A status no case holds is an <see cref="ApiException"/> (typed when
    /// <see cref="Otherwise{TError}"/> says so). Generated operations build one plan each, once, and hand it to
    /// <see cref="ApiClientCore.SendAsync{T}(RequestBuilder, ResponsePlan{T}, CancellationToken)"/>; being data rather than
    /// code per status, it keeps the generated methods free of state machines.
    /// </summary>
    /// <typeparam name="T">The success value (<see cref="Stream"/> for a stream, <see cref="string"/> for text).</typeparam>
    public sealed class ResponsePlan<T> : ResponsePlanBase
    {
        internal readonly List<(Func<ApiClientCore, HttpResponseMessage, string, CancellationToken, Task<T>>? Read, bool KeepResponse)> Successes = new();

        /// <summary>Statuses <paramref name="lo"/> to <paramref name="hi"/> succeed, their value read by <paramref name="read"/> (none: <c>default</c>).</summary>
        private ResponsePlan<T> AddSuccess(int lo, int hi, Func<ApiClientCore, HttpResponseMessage, string, CancellationToken, Task<T>>? read, bool keepResponse)
        {
            Add(lo, hi, success: true, Successes.Count);
            Successes.Add((read, keepResponse));
            return this;
        }

        /// <summary>
        /// A JSON body for statuses <paramref name="lo"/> to <paramref name="hi"/>, read with <paramref name="typeInfo"/> (of
        /// <typeparamref name="T"/>, or of its underlying type when <typeparamref name="T"/> is a nullable value) and checked
        /// against <paramref name="schema"/> when response validation is on.
        /// </summary>
        public ResponsePlan<T> Json<TValue>(int lo, int hi, JsonTypeInfo<TValue> typeInfo, SchemaValidator? schema = null)
        {
            if (typeInfo is null) throw new ArgumentNullException(nameof(typeInfo));
            if (typeof(TValue) != typeof(T) && Nullable.GetUnderlyingType(typeof(T)) != typeof(TValue))
            {
                throw new InvalidOperationException("A plan of " + typeof(T) + " cannot read " + typeof(TValue) + ".");
            }
            Func<ApiClientCore, HttpResponseMessage, string, CancellationToken, Task<T>> read;
            if (typeInfo is JsonTypeInfo<T> same)
            {
                // The usual case: the reader's own task is the answer, with no extra state machine per call.
                read = schema is SchemaValidator s
                    ? (core, response, operationId, ct) => core.ReadJsonAsync(response, same, s, operationId, ct)
                    : (core, response, operationId, ct) => ApiClientCore.ReadJsonAsync(response, same, ct);
            }
            else
            {
                read = schema is SchemaValidator s
                    ? async (core, response, operationId, ct) => As(await core.ReadJsonAsync(response, typeInfo, s, operationId, ct).ConfigureAwait(false))
                    : async (core, response, operationId, ct) => As(await ApiClientCore.ReadJsonAsync(response, typeInfo, ct).ConfigureAwait(false));
            }
            return AddSuccess(lo, hi, read, keepResponse: false);
        }

        private static T As<TValue>(TValue value) => value is null ? default! : value is T same ? same : (T)(object)value;

        /// <summary>The body as a <see cref="Stream"/> that owns the response (<typeparamref name="T"/> is <see cref="Stream"/>).</summary>
        public ResponsePlan<T> Stream(int lo, int hi)
        {
            if (!typeof(T).IsAssignableFrom(typeof(Stream))) throw new InvalidOperationException("A stream answer needs a plan of Stream.");
            return AddSuccess(lo, hi, async (core, response, operationId, ct) => (T)(object)await ApiClientCore.ReadStreamAsync(response, ct).ConfigureAwait(false), keepResponse: true);
        }

        /// <summary>The body as text (<typeparamref name="T"/> is <see cref="string"/>).</summary>
        public ResponsePlan<T> Text(int lo, int hi)
        {
            if (!typeof(T).IsAssignableFrom(typeof(string))) throw new InvalidOperationException("A text answer needs a plan of string.");
            return AddSuccess(lo, hi, async (core, response, operationId, ct) => (T)(object)await ApiClientCore.ReadTextAsync(response, ct).ConfigureAwait(false), keepResponse: false);
        }

        /// <summary>A success whose body is not read (another success carries the value): the value is <c>default</c>.</summary>
        public ResponsePlan<T> Empty(int lo, int hi) => AddSuccess(lo, hi, null, keepResponse: false);

        /// <summary>Statuses <paramref name="lo"/> to <paramref name="hi"/> fail with the JSON body read as <typeparamref name="TError"/>.</summary>
        public ResponsePlan<T> Error<TError>(int lo, int hi, JsonTypeInfo<TError> typeInfo)
        {
            AddError(lo, hi, typeInfo);
            return this;
        }

        /// <summary>Statuses <paramref name="lo"/> to <paramref name="hi"/> fail with the raw body.</summary>
        public ResponsePlan<T> Error(int lo, int hi)
        {
            AddError(lo, hi);
            return this;
        }

        /// <summary>Every status no case holds fails with the JSON body read as <typeparamref name="TError"/>.</summary>
        public ResponsePlan<T> Otherwise<TError>(JsonTypeInfo<TError> typeInfo)
        {
            SetOtherwise(typeInfo);
            return this;
        }
    }

    /// <summary>The plan of an operation that returns no value: every success is an <see cref="ApiResponse"/> with status and headers.</summary>
    public sealed class ResponsePlan : ResponsePlanBase
    {
        /// <summary>Statuses <paramref name="lo"/> to <paramref name="hi"/> succeed.</summary>
        public ResponsePlan Success(int lo, int hi)
        {
            Add(lo, hi, success: true, 0);
            return this;
        }

        /// <summary>Statuses <paramref name="lo"/> to <paramref name="hi"/> fail with the JSON body read as <typeparamref name="TError"/>.</summary>
        public ResponsePlan Error<TError>(int lo, int hi, JsonTypeInfo<TError> typeInfo)
        {
            AddError(lo, hi, typeInfo);
            return this;
        }

        /// <summary>Statuses <paramref name="lo"/> to <paramref name="hi"/> fail with the raw body.</summary>
        public ResponsePlan Error(int lo, int hi)
        {
            AddError(lo, hi);
            return this;
        }

        /// <summary>Every status no case holds fails with the JSON body read as <typeparamref name="TError"/>.</summary>
        public ResponsePlan Otherwise<TError>(JsonTypeInfo<TError> typeInfo)
        {
            SetOtherwise(typeInfo);
            return this;
        }
    }

    /// <summary>The status ranges of a plan and the errors they raise.</summary>
    public abstract class ResponsePlanBase
    {
        private readonly List<Case> _cases = new();
        private Func<HttpResponseMessage, CancellationToken, Task<ApiException>>? _otherwise;

        internal struct Case
        {
            public int Lo, Hi;
            public bool IsSuccess;
            public int Index; // a success: its entry; an error: its reader in _errors (-1: untyped)
        }

        private readonly List<Func<HttpResponseMessage, CancellationToken, Task<ApiException>>> _errors = new();

        private protected ResponsePlanBase()
        {
        }

        private protected void Add(int lo, int hi, bool success, int index)
        {
            if (lo > hi) throw new ArgumentOutOfRangeException(nameof(hi), "The range " + lo + " to " + hi + " is empty.");
            _cases.Add(new Case { Lo = lo, Hi = hi, IsSuccess = success, Index = index });
        }

        private protected void AddError<TError>(int lo, int hi, JsonTypeInfo<TError> typeInfo)
        {
            if (typeInfo is null) throw new ArgumentNullException(nameof(typeInfo));
            Add(lo, hi, success: false, _errors.Count);
            _errors.Add((response, ct) => ApiClientCore.ErrorAsync(response, typeInfo, ct));
        }

        private protected void AddError(int lo, int hi) => Add(lo, hi, success: false, -1);

        private protected void SetOtherwise<TError>(JsonTypeInfo<TError> typeInfo)
        {
            if (typeInfo is null) throw new ArgumentNullException(nameof(typeInfo));
            _otherwise = (response, ct) => ApiClientCore.ErrorAsync(response, typeInfo, ct);
        }

        /// <summary>The first case holding <paramref name="status"/>, or <c>null</c>.</summary>
        internal Case? Match(int status)
        {
            foreach (var c in _cases)
            {
                if (status >= c.Lo && status <= c.Hi) return c;
            }
            return null;
        }

        /// <summary>The exception for an error case, or for a status no case holds.</summary>
        internal Task<ApiException> FailAsync(Case? c, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (c is { } error && error.Index >= 0) return _errors[error.Index](response, cancellationToken);
            if (c is null && _otherwise is not null) return _otherwise(response, cancellationToken);
            return ApiClientCore.ErrorAsync(response, cancellationToken);
        }
    }
}
