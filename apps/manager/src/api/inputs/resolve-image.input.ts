import { registerEnumType } from '@nestjs/graphql';

export enum ResolveImageEnum {
  ALWAYS = 'ALWAYS',
  CHANGED = 'CHANGED',
  NEVER = 'NEVER',
}
registerEnumType(ResolveImageEnum, {
  name: 'ResolveImage',
  description:
    "When the manager asks the image's registry for the digest its tag names now, and pins the spec's image to it (`app:1` becomes `app:1@sha256:…`, as docker's --resolve-image): every node then runs the same bits, and a rollback returns to them. CHANGED (the default): when the input names an image. ALWAYS: on an update too that names none, re-pinning the current tag (a re-pushed tag rolls out). NEVER: the image is stored as given. An image that already names a digest is kept; one whose registry can't be asked (no registry host, Docker Hub, a password, no answer within 2 s) is stored as given.",
  valuesMap: {
    ALWAYS: { description: 'Also re-pin the current tag on an update that names no image.' },
    CHANGED: { description: 'Pin an image the input names (the default).' },
    NEVER: { description: 'Store the image as given; each node pulls the tag itself.' },
  },
});
