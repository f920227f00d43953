/** Typed model errors; routes turn them into 400/403/404 responses with a Danish message. */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = "Siden eller sagen findes ikke.") {
    super(message);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = "Du har ikke adgang til denne side.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A rule on the data was broken (e.g. a date before the first absence day); field names the form field. */
export class ValidationError extends Error {
  readonly status = 400;
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    message = "Oplysningerne kunne ikke gemmes.",
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** Someone else changed the record first (optimistic lock); the user reloads and decides again. */
export class ConflictError extends Error {
  readonly status = 409;
  constructor(message = "Indsendelsen er blevet ændret af en anden i mellemtiden. Genindlæs siden, og prøv igen.") {
    super(message);
    this.name = "ConflictError";
  }
}
