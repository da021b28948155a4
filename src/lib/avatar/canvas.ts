import { FACE_SIZE, type FaceDrawing, type FaceShape } from './drawing';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws the face onto a square canvas of `size` pixels, as the SVG face shows it. */
export function drawFace(context: Context2D, drawing: FaceDrawing, size: number): void {
	context.save();
	context.setTransform(size / FACE_SIZE, 0, 0, size / FACE_SIZE, 0, 0);
	for (const shape of drawing.backdrop) paint(context, shape);
	// SVG's translate(offset) rotate(angle, pivot), in the same order.
	const [px, py] = drawing.pivot;
	context.translate(...drawing.offset);
	context.translate(px, py);
	context.rotate((drawing.angle * Math.PI) / 180);
	context.translate(-px, -py);
	for (const shape of drawing.head) paint(context, shape);
	context.restore();
}

function paint(context: Context2D, shape: FaceShape) {
	let path: Path2D;
	if (shape.kind === 'path') {
		path = new Path2D(shape.d);
	} else {
		path = new Path2D();
		if (shape.kind === 'rect') path.rect(shape.x, shape.y, shape.width, shape.height);
		else path.ellipse(shape.cx, shape.cy, shape.rx, shape.ry, 0, 0, 2 * Math.PI);
	}
	context.globalAlpha = shape.opacity ?? 1;
	if (shape.fill) {
		context.fillStyle = shape.fill;
		context.fill(path);
	}
	if (shape.stroke) {
		context.strokeStyle = shape.stroke;
		context.lineWidth = shape.strokeWidth ?? 1;
		context.lineCap = shape.round ? 'round' : 'butt';
		context.lineJoin = shape.round ? 'round' : 'miter';
		context.stroke(path);
	}
}
