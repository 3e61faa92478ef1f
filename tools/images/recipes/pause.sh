# The pod sandbox image: a static C binary, nothing else.
REF=imagesearch.local/pause:3.10
INPUTS=("$IMAGES_SRC/pause.c")
IMAGE_ARGS=(--entrypoint '["/pause"]' --user 65535:65535)

layer() { # DIR: the image's only layer
  gcc -Os -static -o "$1/pause" "$IMAGES_SRC/pause.c"
  strip "$1/pause"
}
