import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getSessionUser, homePathFor } from "~/models/auth.server";

export const meta: MetaFunction = () => [{ title: "Fasthold – fastholdelse ved sygefravær" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePathFor(user));
  return json({});
}

export default function Index() {
  return (
    <>
      <h1>Fasthold</h1>
      <p className="font-lead">
        Når en medarbejder er sygemeldt, har arbejdsgiveren og jobcentret en række pligter og frister efter
        sygedagpengeloven. Fasthold beregner fristerne ud fra sagens fakta og samler arbejdsgiverens dokumenter ét sted.
      </p>
      <ul>
        <li>Samtale om sygefravær, anmeldelse, fast track og refusion – med lovhjemmel og status.</li>
        <li>Mulighedserklæring, fastholdelsesplan og § 56-aftaler, som jobcentret kan se og behandle.</li>
        <li>Jobcentret i medarbejderens bopælskommune ser de sager, der hører til kommunen.</li>
      </ul>
      <p>
        <Link to="/login" className="button button-primary">
          Log ind
        </Link>{" "}
        <Link to="/frister" className="button button-secondary">
          Beregn frister uden login
        </Link>
      </p>
    </>
  );
}
