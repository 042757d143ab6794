package org.diego.cell.executor;

/** Memory, disk and container slots: a cell's capacity, or what one container holds. */
public record Resources(int memoryMb, int diskMb, int containers) {
    public static final Resources NONE = new Resources(0, 0, 0);

    public boolean fitsIn(Resources available) {
        return memoryMb <= available.memoryMb && diskMb <= available.diskMb && containers <= available.containers;
    }

    public Resources plus(Resources other) {
        return new Resources(memoryMb + other.memoryMb, diskMb + other.diskMb, containers + other.containers);
    }

    public Resources minus(Resources other) {
        return new Resources(memoryMb - other.memoryMb, diskMb - other.diskMb, containers - other.containers);
    }
}
