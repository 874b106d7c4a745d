using System;

namespace Portico.Resilience
{
    /// <summary>
    /// Limits retries to a fraction of calls: each call deposits <c>ratio</c> tokens, each retry withdraws one; a
    /// minimum number of retries per second is always allowed. Thread-safe.
    /// </summary>
    internal sealed class RetryBudget
    {
        private readonly double _ratio;
        private readonly int _minPerSecond;
        private readonly TimeProvider _time;
        private readonly object _lock = new object();
        private double _tokens;
        private long _second;
        private int _freeUsed;

        public RetryBudget(double ratio, int minPerSecond, TimeProvider time)
        {
            _ratio = ratio;
            _minPerSecond = minPerSecond;
            _time = time;
        }

        public void Deposit()
        {
            lock (_lock) _tokens = Math.Min(_tokens + _ratio, 1000);
        }

        public bool TryWithdraw()
        {
            lock (_lock)
            {
                long second = _time.GetUtcNow().ToUnixTimeSeconds();
                if (second != _second)
                {
                    _second = second;
                    _freeUsed = 0;
                }
                if (_freeUsed < _minPerSecond)
                {
                    _freeUsed++;
                    return true;
                }
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return true;
                }
                return false;
            }
        }
    }
}
