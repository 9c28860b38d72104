package dev.medley.catalog;

/** Thrown by {@link Catalog#startApply} when another process is applying the same plan now. */
public final class PlanBeingAppliedException extends CatalogException {
    public PlanBeingAppliedException(String message) {
        super(message);
    }
}
