using System;
using System.Collections;
using System.Collections.Generic;

namespace Portico.CodeGeneration.Model
{
    /// <summary>An immutable array compared by its elements, for incremental pipeline models.</summary>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>, IList
        where T : IEquatable<T>
    {
        // Read-only IList so that templates see an array (size, indexing, loops).
        bool IList.IsFixedSize => true;
        bool IList.IsReadOnly => true;
        object? IList.this[int index] { get => this[index]; set => throw new NotSupportedException(); }
        int IList.Add(object? value) => throw new NotSupportedException();
        void IList.Clear() => throw new NotSupportedException();
        bool IList.Contains(object? value) => value is T t && Array.IndexOf(_items ?? Array.Empty<T>(), t) >= 0;
        int IList.IndexOf(object? value) => value is T t ? Array.IndexOf(_items ?? Array.Empty<T>(), t) : -1;
        void IList.Insert(int index, object? value) => throw new NotSupportedException();
        void IList.Remove(object? value) => throw new NotSupportedException();
        void IList.RemoveAt(int index) => throw new NotSupportedException();
        bool ICollection.IsSynchronized => false;
        object ICollection.SyncRoot => this;
        void ICollection.CopyTo(Array array, int index) => (_items ?? Array.Empty<T>()).CopyTo(array, index);

        public static readonly EquatableArray<T> Empty = new EquatableArray<T>(Array.Empty<T>());

        private readonly T[]? _items;

        public EquatableArray(T[] items) => _items = items;

        public EquatableArray(IEnumerable<T> items) => _items = System.Linq.Enumerable.ToArray(items);

        public int Count => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool IsEmpty => Count == 0;

        public bool Equals(EquatableArray<T> other)
        {
            var a = _items ?? Array.Empty<T>();
            var b = other._items ?? Array.Empty<T>();
            if (ReferenceEquals(a, b)) return true;
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(a[i], b[i])) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = 17;
                foreach (var item in _items ?? Array.Empty<T>())
                {
                    hash = hash * 31 + (item is null ? 0 : item.GetHashCode());
                }
                return hash;
            }
        }

        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public T[] ToArray() => (T[])(_items ?? Array.Empty<T>()).Clone();
    }

    public static class EquatableArray
    {
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) where T : IEquatable<T> => new EquatableArray<T>(items);
    }
}
