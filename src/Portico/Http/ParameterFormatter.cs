using System;
using System.Collections.Generic;
using System.Globalization;

namespace Portico.Http
{
    /// <summary>Turns parameter values into their wire text (invariant culture, RFC 3339 dates, lower-case booleans).</summary>
    public static class ParameterFormatter
    {
        /// <summary>Formats a string.</summary>
        public static string Format(string value) => value;
        /// <summary>Formats a boolean as <c>true</c>/<c>false</c>.</summary>
        public static string Format(bool value) => value ? "true" : "false";
        /// <summary>Formats an integer.</summary>
        public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
        /// <summary>Formats an integer.</summary>
        public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
        /// <summary>Formats a number so that it reads back to the same value.</summary>
        public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        /// <summary>Formats a number so that it reads back to the same value.</summary>
        public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
        /// <summary>Formats a decimal.</summary>
        public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
        /// <summary>Formats a date-time in RFC 3339 form.</summary>
        public static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        /// <summary>Formats a UUID.</summary>
        public static string Format(Guid value) => value.ToString("D");
        /// <summary>Formats bytes as base64.</summary>
        public static string Format(byte[] value) => Convert.ToBase64String(value);
#if NET8_0_OR_GREATER
        /// <summary>Formats a full-date.</summary>
        public static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        /// <summary>Formats a time.</summary>
        public static string Format(TimeOnly value) => value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
#endif
        /// <summary>Formats any other value (enums and extensible enums give their wire value).</summary>
        public static string Format(object value) => value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? string.Empty;

        /// <summary>Formats every item of a list.</summary>
        public static List<string> FormatAll<T>(IEnumerable<T> values, Func<T, string> format)
        {
            var list = new List<string>();
            foreach (var v in values)
            {
                list.Add(v is null ? string.Empty : format(v));
            }
            return list;
        }
    }
}
