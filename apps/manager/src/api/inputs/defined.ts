/** The object without its undefined and null fields: GraphQL gives null for inputs set to null. */
export function defined<T extends object>(o: { [K in keyof T]: T[K] | null | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}
