using System.Net.Http;
using System.Threading.Tasks;
using Library.Todo;

namespace Library
{
    public static class Usage
    {
        public static async Task<int> CountOpenAsync(HttpClient http)
        {
            var todos = await new TodoClient(http).Todos.ListTodosAsync(done: false);
            return todos.Count;
        }
    }
}
