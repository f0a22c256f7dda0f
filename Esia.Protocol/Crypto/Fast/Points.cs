namespace Esia.Protocol.Crypto.Fast;

/// <summary>A point in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity.</summary>
internal struct JacobianPoint
{
    public Fe X;
    public Fe Y;
    public Fe Z;

    public static JacobianPoint Infinity => new() { X = Fe.One, Y = Fe.One };

    public static JacobianPoint From(in AffinePoint point) => new() { X = point.X, Y = point.Y, Z = Fe.One };

    public readonly bool IsInfinity => Z.IsZero;
}

/// <summary>A finite point in affine coordinates.</summary>
internal struct AffinePoint
{
    public Fe X;
    public Fe Y;

    public AffinePoint(in Fe x, in Fe y)
    {
        X = x;
        Y = y;
    }

    public readonly AffinePoint Negated()
    {
        Fe.Sub(default, Y, out var minusY);
        return new AffinePoint(X, minusY);
    }
}
