/** Unknown API paths answer in JSON, like the rest of the API. */
export async function loader() {
  return Response.json({ error: "Not found" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
}
