// Why a profile's source_profile or include_profile chain cannot be followed (issue 15).

/**
 * The message of the error that names the profile asked for. Given back rather than thrown where the caller
 * only shows the message: the preview of a hostile config meets thousands, and an Error with its stack
 * trace costs more than the rest of a preview row.
 */
export class ChainFailure {
  constructor(readonly reason: string) {}
}
