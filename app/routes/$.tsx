/** Every unknown address answers 404 through the root error page. */
export function loader() {
  throw new Response("Siden findes ikke.", { status: 404 });
}

export default function NotFound() {
  return null;
}
